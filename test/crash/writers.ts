/**
 * The people the crash test stands for, each writing through the app's pages as a browser
 * would, one request at a time, and keeping a ledger of what they sent and what the app
 * acknowledged (a redirect after the POST, as every one of these forms answers when it has
 * kept what was sent):
 *
 * - a visitor asking to be put in touch (/put-me-in-touch, no account): one introduction and
 *   its first timeline step;
 * - a visitor suggesting a new group, with an email address for the reply;
 * - a member sharing their skills (every question page, then "Check your answers": the person,
 *   their skills and their consent record at once), then changing what they would like to
 *   share, withdrawing their consent and giving it again.
 *
 * Every write carries a marker of its own (letters only: free text may not look like a phone
 * number), so the checks can look for exactly that write.
 */
import crypto from 'node:crypto'
import { Browser, type Answer, type Fields } from './http'

/** A marker no other write has: 12 lowercase letters. */
export function aMarker(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz'
  return Array.from(crypto.randomBytes(12), (byte) => letters[byte % 26]).join('')
}

export interface Write {
  marker: string
  acknowledged: boolean
}

/** A value a member overwrites: the last one acknowledged, and those sent since (maybe kept). */
export interface Overwritten<T> {
  acknowledged: T | null
  sentSince: T[]
}

export type ConsentState = 'given' | 'withdrawn'

export interface Member {
  accountId: number
  email: string
  password: string
  /** question pages of "Share your skills" answered and acknowledged, in order */
  pagesAnswered: number
  /** "Check your answers" was acknowledged: the person exists */
  profileAcknowledged: boolean
  /** the profile's "What would you like to share" */
  share: Overwritten<string>
  consent: Overwritten<ConsentState>
  /** writes acknowledged, and sent, for the summary */
  sent: number
  acknowledged: number
}

export interface Ledger {
  introductions: Write[]
  suggestions: Write[]
  members: Member[]
  /** called just before each form is sent */
  sending: () => void
  /** answers no form should give (a 5xx, or a form refused): each is a failure */
  unexpected: string[]
}

/** Acknowledged: the redirect (303) a form answers with once it has kept what was sent. */
const redirectedTo = (answer: Answer, where: string | RegExp): boolean =>
  answer.status === 303 &&
  answer.location !== undefined &&
  (typeof where === 'string' ? answer.location === where : where.test(answer.location))

function noteUnexpected(ledger: Ledger, what: string, answer: Answer): void {
  ledger.unexpected.push(
    `${what}: answered ${answer.status}${answer.location ? ` to ${answer.location}` : ''}`,
  )
}

/** Keeps writing until `running()` says stop; a failed request (the app was killed) ends it. */
export type Writer = (running: () => boolean) => Promise<void>

export function introductionWriter(port: number, ledger: Ledger): Writer {
  return async (running) => {
    while (running()) {
      // A new visitor each time, from an address of their own.
      const visitor = new Browser(port, ledger.sending)
      const marker = aMarker()
      const write: Write = { marker, acknowledged: false }
      const form = '/put-me-in-touch?from=hub&hub=thanet'
      const page = await visitor.get(form)
      if (page.status !== 200) return noteUnexpected(ledger, 'the put-me-in-touch form', page)
      ledger.introductions.push(write)
      const sent = await visitor.submit(form, {
        helpWanted: `Someone to help me with my tablet, crash check ${marker}`,
        name: 'Crash Tester',
        route: 'email',
        email: `${marker}@example.com`,
        phone: '',
        area: 'CT11 9AA',
        website: '',
      })
      if (redirectedTo(sent, '/put-me-in-touch/sent')) write.acknowledged = true
      else return noteUnexpected(ledger, 'asking to be put in touch', sent)
    }
  }
}

export function suggestionWriter(port: number, ledger: Ledger): Writer {
  return async (running) => {
    while (running()) {
      const visitor = new Browser(port, ledger.sending)
      const marker = aMarker()
      const write: Write = { marker, acknowledged: false }
      const form = '/suggest-a-new-group?hub=thanet'
      const page = await visitor.get(form)
      if (page.status !== 200) return noteUnexpected(ledger, 'the suggest-a-new-group form', page)
      ledger.suggestions.push(write)
      const sent = await visitor.submit(form, {
        name: `Crash check group ${marker}`,
        description: 'A group that meets to check nothing is lost',
        town: 'Margate',
        postcode: 'CT9 1AA',
        note: `Suggested by the crash test ${marker}`,
        replyEmail: `${marker}@example.com`,
      })
      if (redirectedTo(sent, '/suggestion-sent')) write.acknowledged = true
      else return noteUnexpected(ledger, 'suggesting a new group', sent)
    }
  }
}

/** What a member would like to share, until they change it. */
export const JOURNEY_SHARE = 'Showing people how to video call'

/** The question pages of "Share your skills", answered as a volunteer in Broadstairs would. */
export const JOURNEY: [string, Fields][] = [
  ['name', { firstName: 'Crash', lastName: 'Tester' }],
  ['where', { where: 'CT10 1AB' }],
  ['hub', { hub: 'thanet' }],
  ['skills', { skills: ['tablets-and-phones'], skillsInOwnWords: 'Patient with beginners' }],
  [
    'sharing',
    {
      wouldLikeToShare: 'Showing people how to video call',
      howOften: 'few-hours-month',
      availability: 'Mornings',
    },
  ],
  ['contact', { contactWays: 'phone', phone: '01632 960 001', email: '' }],
  ['who-can-see', { visibility: 'public' }],
]

/** The consent wording's version, from the agreement page's hidden field. */
const versionIn = (html: string): string => /name="version" value="([^"]*)"/.exec(html)?.[1] ?? ''

export function memberWriter(port: number, ledger: Ledger, member: Member): Writer {
  // A browser of its own for each time the app is started; it signs in first.
  let browser = new Browser(port, ledger.sending)
  let signedIn = false
  /** Sent, and acknowledged when `done` says so; sent to sign in means the session is gone. */
  const counted = (answer: Answer, done: boolean): boolean => {
    if (redirectedTo(answer, /^\/sign-in/)) signedIn = false
    if (done) member.acknowledged++
    return done
  }

  const signIn = async (): Promise<boolean> => {
    browser = new Browser(port, ledger.sending)
    const answer = await browser.submit('/sign-in', { email: member.email, password: member.password })
    signedIn = answer.status === 303 && !answer.location?.startsWith('/sign-in')
    if (!signedIn) noteUnexpected(ledger, `signing in as ${member.email}`, answer)
    return signedIn
  }

  const shareSkills = async (): Promise<void> => {
    // Answers are kept in the account's draft as each page is sent, so after a crash the
    // journey goes on from the first page not yet acknowledged.
    for (const [step, fields] of JOURNEY.slice(member.pagesAnswered)) {
      const answer = await browser.submit(`/share-your-skills/${step}`, fields)
      if (answer.status !== 303) return noteUnexpected(ledger, `the ${step} page`, answer)
      member.pagesAnswered++
    }
    const agreement = await browser.submit('/share-your-skills/agreement', (html) => ({
      agree: 'yes',
      version: versionIn(html),
    }))
    if (agreement.status !== 303) return noteUnexpected(ledger, 'the agreement page', agreement)
    member.sent++
    const shared = await browser.submit('/share-your-skills/check', {})
    // A profile that was kept by an earlier, unacknowledged try sends the person to it instead.
    if (counted(shared, redirectedTo(shared, /^\/(share-your-skills\/done|your-profile)$/))) {
      member.profileAcknowledged = true
      member.consent = { acknowledged: 'given', sentSince: [] }
    } else if (!redirectedTo(shared, /^\/sign-in/)) noteUnexpected(ledger, 'sharing your skills', shared)
  }

  const changeWhatTheyShare = async (): Promise<void> => {
    const marker = aMarker()
    const share = `Showing people how to video call ${marker}`
    member.share.sentSince.push(share)
    member.sent++
    const answer = await browser.submit('/share-your-skills/sharing?from=profile', {
      wouldLikeToShare: share,
      howOften: 'few-hours-month',
      availability: 'Mornings',
    })
    if (counted(answer, redirectedTo(answer, '/your-profile')))
      member.share = { acknowledged: share, sentSince: [] }
    else if (!redirectedTo(answer, /^\/sign-in/)) noteUnexpected(ledger, 'changing what they share', answer)
  }

  const withdrawConsent = async (): Promise<void> => {
    const page = await browser.get('/your-profile/withdraw')
    // Already withdrawn (by a try the app kept but never acknowledged): the page says so.
    if (redirectedTo(page, '/your-profile')) {
      member.consent = { acknowledged: 'withdrawn', sentSince: [] }
      return
    }
    member.consent.sentSince.push('withdrawn')
    member.sent++
    const answer = await browser.submit('/your-profile/withdraw', {})
    if (counted(answer, redirectedTo(answer, '/your-profile')))
      member.consent = { acknowledged: 'withdrawn', sentSince: [] }
    else if (!redirectedTo(answer, /^\/sign-in/)) noteUnexpected(ledger, 'withdrawing consent', answer)
  }

  const giveConsent = async (): Promise<void> => {
    member.consent.sentSince.push('given')
    member.sent++
    const answer = await browser.submit('/share-your-skills/agreement?from=profile', (html) => ({
      agree: 'yes',
      version: versionIn(html),
    }))
    if (counted(answer, redirectedTo(answer, '/your-profile')))
      member.consent = { acknowledged: 'given', sentSince: [] }
    else if (!redirectedTo(answer, /^\/sign-in/)) noteUnexpected(ledger, 'giving consent again', answer)
  }

  return async (running) => {
    signedIn = false
    while (running()) {
      if (!signedIn && !(await signIn())) return
      if (!member.profileAcknowledged) await shareSkills()
      else if (Math.random() < 0.6) await changeWhatTheyShare()
      else if (member.consent.acknowledged === 'withdrawn') await giveConsent()
      else await withdrawConsent()
      if (ledger.unexpected.length > 0) return
    }
  }
}
