/**
 * Property-based (fast-check): every zod schema for a form or a query string, and every
 * function that reads one, answers anything at all (objects with prototype keys, arrays where
 * text is expected, huge and unicode text, numbers, nothing) with a result: never a throw,
 * which would be a failure page. The one reader that refuses by throwing (yourProfile's
 * parseForm) throws only its plain 400 error.
 */
import fc from 'fast-check'
import { z } from 'zod'
import * as introductionSchemas from '../../server/features/coordinate/introductionSchemas'
import * as onBehalfSchemas from '../../server/features/coordinate/onBehalfSchemas'
import * as coordinateSchemas from '../../server/features/coordinate/schemas'
import * as importSchemas from '../../server/features/directoryImport/schemas'
import * as freshnessSchemas from '../../server/features/freshness/schemas'
import * as hubEditorSchemas from '../../server/features/hubEditor/schemas'
import * as putInTouchSchemas from '../../server/features/putInTouch/schemas'
import * as shareSkillsSchemas from '../../server/features/shareSkills/schemas'
import * as suggestionSchemas from '../../server/features/suggestions/schemas'
import * as yourProfileSchemas from '../../server/features/yourProfile/schemas'
import { FIELDS_OF, type FormKind } from '../../server/services/suggestions/fields'
import * as accountForms from '../../server/validation/accountForms'
import * as adminForms from '../../server/validation/adminForms'
import * as hubSlug from '../../server/validation/hubSlug'
import * as listingId from '../../server/validation/listingId'
import { parseMapQuery } from '../../server/validation/mapQuery'
import * as pageNumber from '../../server/validation/pageNumber'
import { parsePeopleFilters } from '../../server/validation/peopleFilters'
import { parseSearchQuery, searchQuerySchema } from '../../server/validation/searchQuery'
import { PROPERTY_RUNS, PROTOTYPE_KEYS, aFieldValue, aText } from '../support/hostileInput'

const RUNS = { ...PROPERTY_RUNS, numRuns: PROPERTY_RUNS.numRuns * 4 }

/** A body or query as the app's parsers hand it over: names to text or lists of text. */
const aRequestRecord: fc.Arbitrary<Record<string, unknown>> = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(...PROTOTYPE_KEYS),
        fc.string({ maxLength: 12 }),
        fc.constantFrom(...FIELD_NAMES()),
      ),
      aFieldValue,
    ),
    { maxLength: 12 },
  )
  // Object.fromEntries makes own properties even of __proto__, as the body parsers do.
  .map((entries) => Object.fromEntries(entries))

/** Anything at all: what a schema could be handed if a route passed something unexpected. */
const anything: fc.Arbitrary<unknown> = fc.oneof(
  aRequestRecord,
  fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, maxDepth: 2 }),
  aText,
  fc.constant(JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"x": 1}}}')),
)

/** Every field name any form here has, so records often hold the fields the schemas read. */
function FIELD_NAMES(): string[] {
  const names = new Set<string>([
    'q',
    'where',
    'page',
    'hub',
    'skill',
    'find',
    'bbox',
    'zoom',
    'token',
    'reason',
  ])
  for (const schema of allSchemas().map(([, s]) => s)) {
    const shape = (schema as { shape?: Record<string, unknown> }).shape
    if (shape) for (const key of Object.keys(shape)) names.add(key)
  }
  for (const fields of Object.values(FIELDS_OF)) for (const field of fields) names.add(field)
  return [...names]
}

/** Every zod schema the form and query modules export, by module and name. */
function allSchemas(): [string, z.ZodType][] {
  const modules = {
    introductionSchemas,
    onBehalfSchemas,
    coordinateSchemas,
    importSchemas,
    freshnessSchemas,
    hubEditorSchemas,
    putInTouchSchemas,
    shareSkillsSchemas,
    suggestionSchemas,
    yourProfileSchemas,
    accountForms,
    adminForms,
    hubSlug,
    listingId,
    pageNumber,
    searchQuery: { searchQuerySchema },
  }
  const found: [string, z.ZodType][] = []
  for (const [moduleName, exported] of Object.entries(modules))
    for (const [name, value] of Object.entries(exported))
      if (value instanceof z.ZodType) found.push([`${moduleName}.${name}`, value])
  return found
}

describe('every form and query schema answers any input without throwing', () => {
  const schemas = allSchemas()

  it('finds the schemas of every form module', () => {
    // A module whose schemas stopped being zod (or stopped being exported) would drop out silently.
    expect(schemas.length).toBeGreaterThanOrEqual(35)
  })

  it.each(schemas)('%s.safeParse', (_name, schema) => {
    fc.assert(
      fc.property(anything, (input) => {
        const result = schema.safeParse(input)
        expect(typeof result.success).toBe('boolean')
      }),
      RUNS,
    )
  })
})

describe('every function that reads a form or a query answers any input without throwing', () => {
  const readers: [string, (input: Record<string, unknown>) => unknown][] = [
    ['parseSearchQuery', (input) => parseSearchQuery(input)],
    ['parseMapQuery', (input) => parseMapQuery(input)],
    ['parsePeopleFilters', (input) => parsePeopleFilters(input)],
    ['parseExpertiseQuery', (input) => coordinateSchemas.parseExpertiseQuery(input)],
    ['parseIntroductionsQuery', (input) => introductionSchemas.parseIntroductionsQuery(input)],
    ['parseHubsQuery', (input) => hubEditorSchemas.parseHubsQuery(input)],
    [
      'parseHubForm (new)',
      (input) => hubEditorSchemas.parseHubForm(hubEditorSchemas.hubFormTyped(input), false),
    ],
    [
      'parseHubForm (editing)',
      (input) => hubEditorSchemas.parseHubForm(hubEditorSchemas.hubFormTyped(input), true),
    ],
    ['assignTyped', (input) => hubEditorSchemas.assignTyped(input)],
    ['parseAccountsFilter', (input) => adminForms.parseAccountsFilter(input)],
    ['parseAuditFilter', (input) => adminForms.parseAuditFilter(input, ['sign-in', 'contact-details-shown'])],
    ['roleFormValues', (input) => adminForms.roleFormValues(input)],
    ['parseAskedFrom', (input) => putInTouchSchemas.parseAskedFrom(input)],
    ['putInTouch typedIn', (input) => putInTouchSchemas.typedIn(input)],
    ...(Object.keys(FIELDS_OF) as FormKind[]).flatMap(
      (kind): [string, (input: Record<string, unknown>) => unknown][] => [
        [
          `parseSuggestForm (${kind}, visitor)`,
          (input) => suggestionSchemas.parseSuggestForm(kind, FIELDS_OF[kind], input, true),
        ],
        [
          `parseSuggestForm (${kind}, member)`,
          (input) => suggestionSchemas.parseSuggestForm(kind, FIELDS_OF[kind], input, false),
        ],
        [`parseReviewForm (${kind})`, (input) => suggestionSchemas.parseReviewForm(FIELDS_OF[kind], input)],
        [`suggestions typedIn (${kind})`, (input) => suggestionSchemas.typedIn(FIELDS_OF[kind], input)],
      ],
    ),
  ]

  it.each(readers)('%s', (_name, read) => {
    fc.assert(
      fc.property(
        fc.oneof(
          aRequestRecord,
          aRequestRecord.map((record) => ({ ...record, decision: 'approve' })),
        ),
        (input) => {
          read(input)
        },
      ),
      RUNS,
    )
  })

  const idReaders: [string, (value: unknown) => unknown][] = [
    ['parseListingId', listingId.parseListingId],
    ['parseHubSlug', hubSlug.parseHubSlug],
    ['parsePageNumber', pageNumber.parsePageNumber],
    ['introductions parseId', introductionSchemas.parseId],
    ['parsePersonId', coordinateSchemas.parsePersonId],
    ['parseAccountId', adminForms.parseAccountId],
    ['parseUploadId', importSchemas.parseUploadId],
    ['freshness parseHubSlug', freshnessSchemas.parseHubSlug],
    ['hub editor idFrom', (value) => hubEditorSchemas.idFrom(typeof value === 'string' ? value : '')],
  ]

  it.each(idReaders)('%s', (_name, read) => {
    fc.assert(
      fc.property(anything, (value) => {
        read(value)
      }),
      RUNS,
    )
  })

  it('yourProfile parseForm refuses with its plain 400 error, and nothing else', () => {
    fc.assert(
      fc.property(anything, (input) => {
        for (const schema of [
          yourProfileSchemas.pauseForm,
          yourProfileSchemas.withdrawForm,
          yourProfileSchemas.deleteForm,
        ]) {
          try {
            yourProfileSchemas.parseForm(schema, input)
          } catch (error) {
            expect(error).toBeInstanceOf(yourProfileSchemas.BadFormError)
          }
        }
      }),
      RUNS,
    )
  })
})
