/**
 * The suggestion pages' view models: service results in, words and links (from the address
 * book) out. One function per page.
 */
import { addresses } from '../../addresses'
import { type FieldProblem, formErrors } from '../../forms'
import { paginationView } from '../../presenters/pagination'
import type {
  HistoryRow,
  SuggestionListingType,
  SuggestionRow,
} from '../../../db/repositories/suggestionsRepository'
import {
  DAY_NAMES,
  DAYS,
  FIELD_LABELS,
  type FieldName,
  type FieldValues,
  valueInWords,
  daysOf,
} from '../../services/suggestions/fields'
import type {
  Page,
  SuggestionForReview,
  WaitingSuggestions,
} from '../../services/suggestions/suggestionService'
import { fieldIds } from './schemas'

const LISTING_WORDS: Record<SuggestionListingType, string> = {
  service: 'group or activity',
  organisation: 'organisation',
  place: 'place',
}

const STATUS_WORDS: Record<SuggestionRow['status'], { text: string; colour: string }> = {
  pending: { text: 'Waiting to be checked', colour: 'govuk-tag--yellow' },
  approved: { text: 'Accepted', colour: 'govuk-tag--green' },
  rejected: { text: 'Not accepted', colour: 'govuk-tag--red' },
}

const HINTS: Partial<Record<FieldName, string>> = {
  opensAt: 'As a 24-hour time, like 10:00',
  closesAt: 'As a 24-hour time, like 12:00',
  cost: 'For example, Free, or £2 a session',
  website: 'Starting with https://',
  postcode: 'For example, CT9 1AB',
  times: 'One time a line, for example: The first Tuesday of the month, 10am to 12 noon',
}

/** Where a form asks a question rather than names a field. */
const QUESTIONS: Partial<Record<FieldName, string>> = {
  times: 'What are the days and times now?',
}

const dateInWords = (iso: string): string =>
  new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })

/** The form's fields, as the suggestion partial draws them, with what was typed or is there now. */
function fieldViews(fields: readonly FieldName[], values: FieldValues, errors: Record<string, string>) {
  return fields.map((field) => {
    const label = QUESTIONS[field] ?? FIELD_LABELS[field]
    const base = { id: field, label, hint: HINTS[field], error: errors[field] }
    if (field === 'days')
      return {
        ...base,
        isDays: true,
        items: DAYS.map((day) => ({ value: day, text: DAY_NAMES[day] })),
        values: daysOf(values.days),
      }
    return { ...base, isLong: field === 'description' || field === 'times', value: values[field] ?? '' }
  })
}

export interface SuggestFormInput {
  /** the fields this form offers (a service's, as its timetable allows) */
  fields: readonly FieldName[]
  /** the listing changed; null for a new group */
  listing: { type: SuggestionListingType; id: number; name: string } | null
  values: FieldValues & { note?: string; replyEmail?: string }
  problems: FieldProblem[]
  visitor: boolean
  action: string
  csrfToken: string
  /** where the form was opened from, to go back to */
  backHref: string
}

export function presentSuggestForm(input: SuggestFormInput) {
  const { errorSummary, errors } = formErrors(input.problems, fieldIds(input.fields))
  const listing = input.listing
  const title = listing ? `Suggest a change to ${listing.name}` : 'Suggest a new group or place'
  return {
    pageTitle: title,
    heading: title,
    errorSummary,
    errors,
    intro: listing
      ? `Change only what is wrong or missing about this ${LISTING_WORDS[listing.type]}. A volunteer in its local hub checks every suggestion before it appears.`
      : 'Tell us about a group, activity or place for older people that is not in the directory. A volunteer in its local hub checks it before it appears.',
    fields: fieldViews(input.fields, input.values, errors),
    note: input.values.note ?? '',
    replyEmail: input.values.replyEmail ?? '',
    visitor: input.visitor,
    signInHref: addresses.signIn({ returnTo: input.action }),
    action: input.action,
    csrfToken: input.csrfToken,
    backHref: input.backHref,
    backText: listing ? `Back to ${listing.name}` : 'Back',
  }
}

export function presentSuggestionSent(signedIn: boolean) {
  return {
    pageTitle: 'Thank you for your suggestion',
    yoursHref: signedIn ? addresses.yourSuggestions() : null,
    searchHref: addresses.search(),
  }
}

const rowView = (suggestion: SuggestionRow) => ({
  href: addresses.coordinateSuggestion(suggestion.id),
  text:
    suggestion.kind === 'new'
      ? `New: ${suggestion.listingName}`
      : `${suggestion.listingName} (${LISTING_WORDS[suggestion.listingType]})`,
  fields:
    Object.keys(suggestion.proposed)
      .map((field) => FIELD_LABELS[field as FieldName] ?? field)
      .join(', ') || 'A note only',
  hubName: suggestion.hubName,
  since: dateInWords(suggestion.createdAt),
})

/** The coordinator home's block: per hub, how many wait and the oldest few. */
export function presentWaitingSuggestions(waiting: WaitingSuggestions[], hubNames: Map<number, string>) {
  return waiting.map((hub) => ({
    name: hubNames.get(hub.hubId) ?? hub.oldest[0]?.hubName ?? '',
    count: `Suggestions to review: ${hub.count}`,
    oldest: hub.oldest.map(rowView),
  }))
}

export function presentQueue(queue: Page<SuggestionRow>) {
  return {
    pageTitle: 'Suggestions to review',
    total:
      queue.total === 0
        ? 'No suggestions are waiting in the hubs you look after.'
        : queue.total === 1
          ? '1 suggestion is waiting, the oldest first.'
          : `${queue.total} suggestions are waiting, the oldest first.`,
    rows: queue.rows.map(rowView),
    pagination: paginationView(queue.page, queue.pageCount, (page) => addresses.coordinateSuggestions(page)),
    homeHref: addresses.coordinate(),
  }
}

const TIMES_TO_PUT_RIGHT =
  'This group’s timetable is more than one time a week, so approving does not change its days and times. You will need to put them right yourself. Common Ground does not have a page for changing a timetable yet, so ask an admin to change it. What they suggested is kept in the listing’s history.'
const TIMES_NOT_CHANGED =
  'Accepted, but the days and times on the listing have not changed. Put them right yourself: Common Ground does not have a page for changing a timetable yet, so ask an admin to change it. What they suggested is kept in the listing’s history.'

export function presentReview(
  review: SuggestionForReview,
  typed: FieldValues | null,
  reason: string,
  problems: FieldProblem[],
  csrfToken: string,
) {
  const { suggestion, current } = review
  const { errorSummary, errors } = formErrors(problems, fieldIds(review.fields))
  const lines = (words: string) => words.split('\n')
  const suggested: FieldValues = { ...current, ...suggestion.proposed }
  const title =
    suggestion.kind === 'new'
      ? `New: ${suggestion.listingName}`
      : `Suggested change to ${suggestion.listingName}`
  const listingHref =
    suggestion.listingId === null
      ? null
      : suggestion.listingType === 'service'
        ? addresses.service(suggestion.listingId)
        : suggestion.listingType === 'organisation'
          ? addresses.organisation(suggestion.listingId)
          : addresses.place(suggestion.listingId)
  return {
    pageTitle: title,
    heading: title,
    errorSummary,
    errors,
    hubName: suggestion.hubName,
    since: dateInWords(suggestion.createdAt),
    from:
      suggestion.accountId !== null
        ? 'Someone with an account'
        : suggestion.replyEmail
          ? 'A visitor who left an email address for a reply'
          : 'A visitor',
    note: suggestion.note,
    listingHref,
    pending: suggestion.status === 'pending',
    status: STATUS_WORDS[suggestion.status],
    decidedReason: suggestion.reason,
    isNew: suggestion.kind === 'new',
    rows: review.fields.map((field) => {
      const changed = Object.hasOwn(suggestion.proposed, field)
      return {
        label: FIELD_LABELS[field],
        now: suggestion.kind === 'new' ? [] : lines(valueInWords(field, current[field])),
        suggested: lines(valueInWords(field, suggested[field])),
        changed,
      }
    }),
    fields: fieldViews(review.fields, typed ?? suggested, errors),
    // Times in words are never written over a timetable: the reviewer is told to put it right.
    timesToPutRight: review.fields.includes('times') ? TIMES_TO_PUT_RIGHT : null,
    timesNotChanged:
      suggestion.status === 'approved' && Object.hasOwn(suggestion.proposed, 'times')
        ? TIMES_NOT_CHANGED
        : null,
    reason,
    action: addresses.coordinateSuggestion(suggestion.id),
    csrfToken,
    queueHref: addresses.coordinateSuggestions(),
  }
}

export function presentYours(page: Page<SuggestionRow>) {
  return {
    pageTitle: 'Your suggestions',
    none: page.total === 0,
    rows: page.rows.map((suggestion) => ({
      text: suggestion.kind === 'new' ? `A new group: ${suggestion.listingName}` : suggestion.listingName,
      since: dateInWords(suggestion.createdAt),
      fields:
        Object.keys(suggestion.proposed)
          .map((field) => FIELD_LABELS[field as FieldName] ?? field)
          .join(', ') || 'A note only',
      status: STATUS_WORDS[suggestion.status],
      reason: suggestion.reason,
    })),
    pagination: paginationView(page.page, page.pageCount, (n) => addresses.yourSuggestions(n)),
  }
}

const ROLE_WORDS: Record<string, string> = {
  peer_lead: 'a peer lead',
  coordinator: 'a coordinator',
  admin: 'an admin',
  member: 'a member',
}

/** "Changes to this listing": what changed and when, and who as a role only. */
export function presentHistory(history: HistoryRow[]) {
  return history.map((row) => {
    // A role only, on a public page: never a name or an email address.
    const who = (row.changedByRole && ROLE_WORDS[row.changedByRole]) ?? 'a volunteer'
    const what =
      row.field === 'listing'
        ? 'Added to the directory'
        : row.field === 'times'
          ? 'New days and times sent in, to be put right'
          : `${FIELD_LABELS[row.field as FieldName] ?? row.field} changed`
    return { what, when: dateInWords(row.changedAt), who }
  })
}
