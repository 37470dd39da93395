/**
 * "Ask to be put in touch": service results in, words and links (from the address book) out.
 * One function per page. Nothing here ever holds anyone's contact details but what the person
 * asking typed themselves, shown back to them on their own form.
 */
import { addresses } from '../../addresses'
import { type FieldProblem, formErrors } from '../../forms'
import type { HubChoice, RequestStart, UsualWait } from '../../services/introductions/contract'
import { FIELD_IDS, HELP_WANTED_MAX, HONEYPOT_FIELD, type PutMeInTouchTyped } from './schemas'

const HOME = { href: addresses.start(), text: 'Home' }

/** What the confirmation page shows, kept in the session between the form and the page: nothing personal. */
export interface SentNote {
  reference: number
  hubName: string
  hubSlug: string
  waitPhrase: string
  route: 'email' | 'phone'
}

/** "A coordinator at Thanet will read your request ... This usually happens within a week." */
export function whatHappensNext(hubName: string | null, waitPhrase: string): string[] {
  return [
    `A coordinator at ${hubName ?? 'your local hub'} will read your request, find someone who may be able to help, and ask them.`,
    'If they say yes, we will send you their details and send them yours, by the way you chose.',
    `This usually happens ${waitPhrase}.`,
  ]
}

/** What is kept, who sees it, and for how long, in one short paragraph. */
export function privacyLine(hubName: string | null, retentionMonths: number): string {
  return (
    `We keep what you tell us here so that ${hubName ?? 'your local hub'} can help. ` +
    'Only the coordinators and peer leads of the hub can see it. We pass your details to the person who helps only if they say yes. ' +
    `We remove your name and details ${retentionMonths === 1 ? '1 month' : `${retentionMonths} months`} after your request is closed.`
  )
}

export function presentForm(model: {
  start: RequestStart
  usualWait: UsualWait
  retentionMonths: number
  typed: PutMeInTouchTyped
  problems: readonly FieldProblem[]
  action: string
  csrfToken: string
}) {
  const { start, typed } = model
  const hubName = start.hub?.name ?? null
  const errors = formErrors(model.problems, FIELD_IDS)
  return {
    pageTitle: start.about ? `Ask to be put in touch ${start.about}` : 'Ask to be put in touch',
    breadcrumbs: [HOME],
    ...errors,
    about: start.about,
    hubName,
    hubHref: start.hub ? addresses.hub(start.hub.slug) : null,
    whatHappensNext: whatHappensNext(hubName, model.usualWait.phrase),
    privacy: privacyLine(hubName, model.retentionMonths),
    privacyHref: `${addresses.privacy()}#asking-to-be-put-in-touch`,
    action: model.action,
    csrfToken: model.csrfToken,
    values: typed,
    helpWantedMax: HELP_WANTED_MAX,
    honeypot: HONEYPOT_FIELD,
    // Both boxes are always shown, not revealed under their radio: GOV.UK's reveal script
    // gives radios aria-expanded, which radios may not have (axe's aria-allowed-attr).
    routeItems: [
      { value: 'email', text: 'By email' },
      { value: 'phone', text: 'By phone' },
    ],
  }
}

/** "2.4 miles away", "less than 0.1 miles away" */
function milesAway(miles: number | null): string | undefined {
  if (miles === null) return undefined
  if (miles < 0.1) return 'Less than 0.1 miles away'
  return `${miles === 1 ? '1 mile' : `${miles} miles`} away`
}

export function presentChooseHub(model: {
  hubs: HubChoice[]
  typed: PutMeInTouchTyped
  problems: readonly FieldProblem[]
  action: string
  csrfToken: string
}) {
  return {
    pageTitle: 'Which hub should we send your request to?',
    breadcrumbs: [HOME],
    ...formErrors(model.problems, FIELD_IDS),
    action: model.action,
    csrfToken: model.csrfToken,
    // Everything typed goes with the choice (in the form, never in the address).
    carried: (['helpWanted', 'name', 'route', 'email', 'phone', 'area'] as const).map((name) => ({
      name,
      value: model.typed[name],
    })),
    hubItems: model.hubs.map((hub) => ({ value: hub.slug, text: hub.name, hint: milesAway(hub.miles) })),
    chosen: model.typed.hub,
    area: model.typed.area,
  }
}

export function presentSent(note: SentNote) {
  return {
    pageTitle: 'Your request has been sent',
    breadcrumbs: [HOME],
    reference: note.reference,
    hubName: note.hubName,
    hubHref: addresses.hub(note.hubSlug),
    whatHappensNext: whatHappensNext(note.hubName, note.waitPhrase),
    reachYou: note.route === 'email' ? 'by email' : 'by phone',
    searchHref: addresses.search(),
    privacyHref: `${addresses.privacy()}#asking-to-be-put-in-touch`,
  }
}

export function presentTooMany(retryAfterSeconds: number) {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
  return {
    pageTitle: 'You have sent too many requests',
    breadcrumbs: [HOME],
    wait: minutes === 1 ? '1 minute' : `${minutes} minutes`,
    hubsHref: addresses.hubs(),
  }
}
