/**
 * "Your profile": the view models of its pages, from what ProfileService returns. Every link
 * comes from the address book; a change of one answer goes to that answer's question page with
 * from=profile, which saves it to the profile and comes back here.
 */
import { addresses } from '../../addresses'
import { daysInWords } from '../../presenters/retentionNotice'
import { DAY_MS } from '../../services/accounts/times'
import type {
  ContactWay,
  HowOften,
  OwnProfile,
  ProfilePreview,
  ProfileStatus,
  SharingStep,
  Visibility,
} from '../../services/sharing/contract'

export const PAGE_TITLE = 'Your profile'

const BREADCRUMBS = [
  { href: addresses.start(), text: 'Home' },
  { href: addresses.account(), text: 'Your account' },
]
const PROFILE_BREADCRUMBS = [...BREADCRUMBS, { href: addresses.yourProfile(), text: PAGE_TITLE }]

/** Who can see the profile, in the words of the "Who can see your profile" question. */
export const VISIBILITY_WORDS: Record<Visibility, string> = {
  coordinators: 'Only the coordinators of your hub',
  hub: 'Members of your hub',
  public: 'Everyone',
}

const HOW_OFTEN_WORDS: Record<HowOften, string> = {
  'now-and-then': 'Now and then',
  'few-hours-month': 'A few hours a month',
  'few-hours-week': 'A few hours a week',
  'most-weeks': 'Most weeks',
}

const CONTACT_WORDS: Record<ContactWay, string> = {
  'through-hub': 'Through your hub',
  phone: 'By phone',
  email: 'By email',
}

const UK_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
})

/** "1 December 2026" */
export const dateInWords = (iso: string): string => UK_DATE.format(new Date(iso))

/** One row of a GOV.UK summary list; `lines` are shown one under another. */
export interface SummaryRow {
  key: string
  lines: string[]
  /** the question page that changes it, and what the Change link says to a screen reader */
  change: { href: string; hiddenText: string } | null
}

export interface StatusView {
  status: ProfileStatus
  /** "Shown", "Paused", "Consent withdrawn" */
  tag: string
  tagClass: string
  /** what it means, in a sentence or two */
  meaning: string[]
}

export interface PreviewView {
  /** "Everyone" */
  title: string
  whoSees: string
  chosen: boolean
  rows: SummaryRow[]
}

export interface YourProfileView {
  pageTitle: string
  breadcrumbs: { href: string; text: string }[]
  notice: string | null
  status: StatusView
  /** the person's own view: every answer, contact details too, each with its Change link */
  ownRows: SummaryRow[]
  previews: PreviewView[]
  /** said above the previews when nobody sees the profile now */
  previewsNote: string | null
  /** beside "Withdraw your consent": how long the answers are kept after, and what then goes */
  withdrawnKeptFor: string
  pauseAction: string
  /** the button's value and words: pause when shown, resume when paused; null when withdrawn */
  pauseButton: { action: 'pause' | 'resume'; text: string } | null
  withdrawHref: string | null
  /** "Give your consent again", to the agreement question, when consent is withdrawn */
  consentAgainHref: string | null
  downloadHref: string
  deleteHref: string
}

const change = (step: SharingStep, hiddenText: string) => ({
  href: addresses.shareSkillsStep(step, { from: 'profile' }),
  hiddenText,
})

const notGiven = (text: string | undefined | null): string[] =>
  text && text.trim() !== '' ? [text] : ['Not given']

/**
 * How long a withdrawn profile is kept, for the person's own pages: the setting's days, and
 * whether their account goes with it (a member's does; a coordinator's, peer lead's or admin's
 * is not the person's to lose, so only its link to the profile goes, as ProfileService erases).
 */
export interface WithdrawnKeeping {
  days: number
  accountGoes: boolean
}

/** "your answers" or "your answers and your account", for what a withdrawn profile loses. */
const whatGoes = (keeping: WithdrawnKeeping) =>
  keeping.accountGoes ? 'your answers and your account' : 'your answers'

export function presentStatus(
  status: ProfileStatus,
  visibility: Visibility,
  deletedOn: { date: string; keeping: WithdrawnKeeping } | null = null,
): StatusView {
  switch (status) {
    case 'shown':
      return {
        status,
        tag: 'Shown',
        tagClass: 'govuk-tag--green',
        meaning: [
          `Your profile is shown to: ${VISIBILITY_WORDS[visibility].toLowerCase()}.`,
          'Nobody else ever sees your phone number, email address or where you live.',
        ],
      }
    case 'paused':
      return {
        status,
        tag: 'Paused',
        tagClass: 'govuk-tag--yellow',
        meaning: [
          'Your profile is paused. Nobody else can see it.',
          'Your answers are kept. You can show your profile again at any time.',
        ],
      }
    case 'withdrawn':
      return {
        status,
        tag: 'Consent withdrawn',
        tagClass: 'govuk-tag--grey',
        meaning: [
          'You have withdrawn your consent. Nobody else can see your profile, on any page or in any search.',
          deletedOn
            ? `We keep your answers until ${deletedOn.date}, so that you can change your mind and give your consent again. If you do not, we then delete ${whatGoes(deletedOn.keeping)} for good.`
            : 'Your answers are kept for now, so that you can give your consent again, or delete them.',
        ],
      }
  }
}

/** The person's own answers, everything they gave, with a Change link for each. */
export function ownRows(profile: OwnProfile): SummaryRow[] {
  const { answers, hub, skillNames, consent } = profile
  const name = [answers.firstName, answers.lastName].filter((part) => part && part.trim() !== '').join(' ')
  const where = answers.postcodeDistrict
    ? [
        answers.placeLabel && answers.placeLabel !== answers.postcodeDistrict
          ? `${answers.placeLabel} (${answers.postcodeDistrict})`
          : answers.postcodeDistrict,
        'We keep only the first part of your postcode.',
      ]
    : ['Not given']
  const ways = answers.contactWays ?? []
  const contact = ways.length > 0 ? ways.map((way) => CONTACT_WORDS[way]) : ['Not given']
  if (ways.includes('phone') && answers.phone) contact.push(`Phone: ${answers.phone}`)
  if (ways.includes('email') && answers.email) contact.push(`Email: ${answers.email}`)
  const agreement = consent
    ? consent.withdrawnAt
      ? [`You withdrew your consent on ${dateInWords(consent.withdrawnAt)}.`]
      : [`You agreed on ${dateInWords(consent.agreedAt)}.`, `Wording version ${consent.version}.`]
    : ['Not given']
  return [
    { key: 'Your name', lines: [name], change: change('name', 'your name') },
    { key: 'Where you live', lines: where, change: change('where', 'where you live') },
    { key: 'Your hub', lines: [hub?.name ?? 'None chosen'], change: change('hub', 'your hub') },
    {
      key: 'What you are good at',
      lines: skillNames.length > 0 ? skillNames : ['None chosen'],
      change: change('skills', 'what you are good at'),
    },
    {
      key: 'In your own words',
      lines: notGiven(answers.skillsInOwnWords),
      change: change('skills', 'what you are good at, in your own words'),
    },
    {
      key: 'What you would like to share',
      lines: notGiven(answers.wouldLikeToShare),
      change: change('sharing', 'what you would like to share'),
    },
    {
      key: 'How often',
      lines: [
        ...(answers.howOften ? [HOW_OFTEN_WORDS[answers.howOften]] : ['Not given']),
        ...(answers.availability ? [answers.availability] : []),
      ],
      change: change('sharing', 'how often'),
    },
    { key: 'How people get in touch', lines: contact, change: change('contact', 'how people get in touch') },
    {
      key: 'Who can see your profile',
      lines: [VISIBILITY_WORDS[answers.visibility]],
      change: change('who-can-see', 'who can see your profile'),
    },
    {
      key: 'Your agreement',
      lines: agreement,
      change: consent?.withdrawnAt ? null : change('agreement', 'your agreement'),
    },
  ]
}

/** What others see at one visibility: no Change links (the answers above change it). */
export function presentPreview(preview: ProfilePreview, chosen: Visibility): PreviewView {
  const skills = preview.skills.length > 0 ? preview.skills : ['None chosen']
  return {
    title: VISIBILITY_WORDS[preview.visibility],
    whoSees: preview.whoSees,
    chosen: preview.visibility === chosen,
    rows: [
      { key: 'Name', lines: [preview.displayName], change: null },
      { key: 'Hub', lines: [preview.hubName ?? 'No hub'], change: null },
      { key: 'Good at', lines: skills, change: null },
      { key: 'In their own words', lines: notGiven(preview.skillsInOwnWords), change: null },
      { key: 'Would like to share', lines: notGiven(preview.wouldLikeToShare), change: null },
      { key: 'How to get in touch', lines: [preview.howToGetInTouch], change: null },
    ],
  }
}

export function presentYourProfile(
  profile: OwnProfile,
  previews: readonly ProfilePreview[],
  notice: string | null,
  keeping: WithdrawnKeeping,
): YourProfileView {
  const { status } = profile
  const visibility = profile.answers.visibility
  const withdrawnAt = status === 'withdrawn' ? (profile.consent?.withdrawnAt ?? null) : null
  // The purge deletes it on its first run after this day (once a day).
  const deletedOn =
    withdrawnAt === null
      ? null
      : {
          date: dateInWords(new Date(Date.parse(withdrawnAt) + keeping.days * DAY_MS).toISOString()),
          keeping,
        }
  return {
    pageTitle: PAGE_TITLE,
    breadcrumbs: BREADCRUMBS,
    notice,
    status: presentStatus(status, visibility, deletedOn),
    withdrawnKeptFor: `${daysInWords(keeping.days)}, so that you can change your mind; then we delete ${whatGoes(keeping)}`,
    ownRows: ownRows(profile),
    previews: previews.map((preview) => presentPreview(preview, visibility)),
    previewsNote:
      status === 'shown'
        ? null
        : 'Nobody sees any of these while your profile is ' +
          (status === 'paused' ? 'paused.' : 'hidden because you withdrew your consent.'),
    pauseAction: addresses.yourProfilePause(),
    pauseButton:
      status === 'shown'
        ? { action: 'pause', text: 'Pause my profile' }
        : status === 'paused'
          ? { action: 'resume', text: 'Show my profile again' }
          : null,
    withdrawHref: status === 'withdrawn' ? null : addresses.yourProfileWithdraw(),
    consentAgainHref:
      status === 'withdrawn' ? addresses.shareSkillsStep('agreement', { from: 'profile' }) : null,
    downloadHref: addresses.yourProfileDownload(),
    deleteHref: addresses.yourProfileDelete(),
  }
}

/** Signed in with no profile yet: what sharing is, and the way to start. */
export function presentNoProfile(notice: string | null) {
  return {
    pageTitle: PAGE_TITLE,
    breadcrumbs: BREADCRUMBS,
    notice,
    shareSkillsHref: addresses.shareSkills(),
    downloadHref: addresses.yourProfileDownload(),
    deleteHref: addresses.yourProfileDelete(),
  }
}

export function presentPausePage(status: ProfileStatus) {
  const pausing = status === 'shown'
  return {
    pageTitle: pausing ? 'Pause your profile' : 'Show your profile again',
    breadcrumbs: PROFILE_BREADCRUMBS,
    backHref: addresses.yourProfile(),
    pausing,
    action: addresses.yourProfilePause(),
    button: pausing
      ? { action: 'pause', text: 'Pause my profile' }
      : { action: 'resume', text: 'Show my profile again' },
  }
}

export function presentWithdrawPage(keeping: WithdrawnKeeping) {
  return {
    pageTitle: 'Withdraw your consent',
    keptFor: daysInWords(keeping.days),
    whatGoes: whatGoes(keeping),
    breadcrumbs: PROFILE_BREADCRUMBS,
    backHref: addresses.yourProfile(),
    action: addresses.yourProfileWithdraw(),
    deleteHref: addresses.yourProfileDelete(),
  }
}

export function presentDeletePage(hasProfile: boolean) {
  return {
    pageTitle: 'Delete your data',
    breadcrumbs: hasProfile ? PROFILE_BREADCRUMBS : BREADCRUMBS,
    hasProfile,
    action: addresses.yourProfileDelete(),
    cancelHref: hasProfile ? addresses.yourProfile() : addresses.account(),
    downloadHref: addresses.yourProfileDownload(),
  }
}

export function presentDeletedPage() {
  return {
    pageTitle: 'Your data has been deleted',
    startHref: addresses.start(),
    createAccountHref: addresses.createAccount(),
  }
}

/** The download's file name: "common-ground-your-data-2026-12-01.json", by the UK date. */
export function downloadFileName(now: Date): string {
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now)
  return `common-ground-your-data-${day}.json`
}
