/**
 * Every address the app answers, and what each kind of viewer gets there: a visitor (no
 * account), a signed-in member, a peer lead of hub A, a coordinator of hub B, and an admin.
 * A path added to server/addresses.ts without a row here fails the first test, so no route
 * is left out.
 */
import request from 'supertest'
import { formPaths, paths } from '../../server/addresses'
import { pathMatcher } from '../../server/middleware/methodNotAllowed'
import { aBrowser, anAccount, csrfIn } from '../support/accounts'
import { aDemoTestApp, type TestApp } from '../support/testApp'

type PathName = keyof typeof paths

// The member column signs in, hashing a password with Argon2id: slow on a busy machine.
jest.setTimeout(60_000)

interface Row {
  /** an address to ask for, with real ids and slugs from the demo data */
  example: string
  visitor: number
  /** a signed-in member; the visitor's status unless said */
  member?: number
  /** a peer lead of hub A (Thanet); the member's status unless said */
  peerLead?: number
  /** a coordinator of hub B (Sheffield); the member's status unless said */
  coordinator?: number
  /** an admin; the member's status unless said */
  admin?: number
}

/** Admin pages: a visitor is sent to sign in; everyone but an admin gets the 403 page. */
const ADMIN_ONLY = { visitor: 303, member: 403, peerLead: 403, coordinator: 403, admin: 200 }

/** Thanet's coordinator pages: its peer lead (hub A) and admins may; a coordinator of hub B may not. */
const COORDINATE_THANET = { visitor: 303, member: 403, peerLead: 200, coordinator: 403, admin: 200 }

/**
 * Importing listings (issue 12): admins and coordinators of every hub. A coordinator of hub B
 * only, like a peer lead, gets the 403 page (test/integration/directoryImport.test.ts signs in
 * a coordinator of every hub).
 */
const IMPORTERS = { visitor: 303, member: 403, peerLead: 403, coordinator: 403, admin: 200 }

/** An upload the admin made (in beforeAll): a file with a header and no rows, so it has a problem. */
const ADMIN_UPLOAD = '0123456789abcdef0123456789abcdef'

/** An Open Referral id no record has. */
const NO_SUCH_UUID = '00000000-0000-4000-8000-000000000000'

/** A token no link was made with: the link pages say "That link does not work". */
const NO_SUCH_TOKEN = 'no-such-token-aaaaaaaaaaaaaaaaaaaaaaaa'

const ROWS: Record<PathName, Row> = {
  start: { example: '/', visitor: 200 },
  search: { example: '/search?q=walking&where=Margate', visitor: 200 },
  map: { example: '/map?where=Margate', visitor: 200 },
  mapMarkers: { example: '/map/markers.json?bbox=1.2,51.3,1.5,51.4&zoom=12', visitor: 200 },
  mapList: { example: '/map/list?bbox=1.2,51.3,1.5,51.4&zoom=12', visitor: 200 },
  mapHubs: { example: '/map/hubs.json', visitor: 200 },
  service: { example: '/services/1', visitor: 200 },
  organisation: { example: '/organisations/1', visitor: 200 },
  place: { example: '/places/1', visitor: 200 },
  hubs: { example: '/hubs', visitor: 200 },
  hub: { example: '/hubs/thanet', visitor: 200 },
  hubPrint: { example: '/hubs/thanet/print', visitor: 200 },
  hubPlaces: { example: '/hubs/thanet/places', visitor: 200 },
  hubOrganisations: { example: '/hubs/thanet/organisations', visitor: 200 },
  people: { example: '/people?hub=thanet', visitor: 200 },
  health: { example: '/health', visitor: 200 },
  help: { example: '/help', visitor: 200 },
  privacy: { example: '/privacy', visitor: 200 },
  accessibility: { example: '/accessibility', visitor: 200 },
  about: { example: '/about', visitor: 200 },
  createAccount: { example: '/create-account', visitor: 200 },
  confirmEmail: { example: `/confirm-email?token=${NO_SUCH_TOKEN}`, visitor: 410 },
  signIn: { example: '/sign-in', visitor: 200 },
  signInLink: { example: '/sign-in/email-link', visitor: 200 },
  signInWithLink: { example: `/sign-in/link?token=${NO_SUCH_TOKEN}`, visitor: 410 },
  forgottenPassword: { example: '/forgotten-password', visitor: 200 },
  resetPassword: { example: `/reset-password?token=${NO_SUCH_TOKEN}`, visitor: 410 },
  signOut: { example: '/sign-out', visitor: 200 },
  signedOut: { example: '/signed-out', visitor: 200 },
  // Pages for signed-in people send a visitor to sign in (303).
  account: { example: '/account', visitor: 303, member: 200 },
  changePassword: { example: '/account/password', visitor: 303, member: 200 },
  changeEmail: { example: '/account/email', visitor: 303, member: 200 },
  confirmNewEmail: { example: `/account/email/confirm?token=${NO_SUCH_TOKEN}`, visitor: 410 },
  signOutEverywhere: { example: '/account/sign-out-everywhere', visitor: 303, member: 200 },
  // It takes only the time-out warning's POST.
  keepAlive: { example: '/account/keep-alive', visitor: 405 },
  // Two-step sign-in: the code pages send anyone not part way through signing in back to
  // sign in; the account's two-step pages are for signed-in people (a member without it on
  // is sent from "new recovery codes" to set-up, and from "turn off" to the account page).
  signInCode: { example: '/sign-in/code', visitor: 303 },
  signInRecoveryCode: { example: '/sign-in/recovery-code', visitor: 303 },
  // Staff here have two-step on: set-up sends them to their account page, and they may get new
  // recovery codes.
  twoStepSetUp: {
    example: '/account/two-step',
    visitor: 303,
    member: 200,
    peerLead: 303,
    coordinator: 303,
    admin: 303,
  },
  twoStepRecoveryCodes: {
    example: '/account/two-step/recovery-codes',
    visitor: 303,
    peerLead: 200,
    coordinator: 200,
    admin: 200,
  },
  twoStepTurnOff: { example: '/account/two-step/turn-off', visitor: 303 },
  // Outside production only.
  devOutbox: { example: '/dev/outbox', visitor: 200 },
  // Admin pages (issue 9). Account 1 is the demo's first account.
  admin: { example: '/admin', ...ADMIN_ONLY },
  adminAccounts: { example: '/admin/accounts?q=demo&role=admin', ...ADMIN_ONLY },
  adminAccount: { example: '/admin/accounts/1', ...ADMIN_ONLY },
  adminAccountRole: { example: '/admin/accounts/1/role', ...ADMIN_ONLY },
  adminAccountDisable: { example: '/admin/accounts/1/disable', ...ADMIN_ONLY },
  adminAccountEnable: { example: '/admin/accounts/1/enable', ...ADMIN_ONLY },
  adminAuditLog: { example: '/admin/audit-log?what=sign-in', ...ADMIN_ONLY },
  // Share your skills (issue 10): the start page is for anyone; a visitor on a question page
  // is offered "Create an account" or "Sign in" there (200), which bring them back to it; the
  // confirmation is for someone who has shared their skills (the others are sent to the start).
  shareSkills: { example: '/share-your-skills', visitor: 200 },
  shareSkillsStep: { example: '/share-your-skills/name', visitor: 200 },
  shareSkillsDone: { example: '/share-your-skills/done', visitor: 303 },
  // Your profile (issue 10): each signed-in person's own, staff too. Nobody here has shared
  // their skills yet, so the page offers "Share your skills", and pause and withdraw go back
  // to it; their data can still be downloaded or deleted. The page after deleting is public.
  yourProfile: { example: '/your-profile', visitor: 303, member: 200 },
  yourProfilePause: { example: '/your-profile/pause', visitor: 303 },
  yourProfileWithdraw: { example: '/your-profile/withdraw', visitor: 303 },
  yourProfileDownload: { example: '/your-profile/download', visitor: 303, member: 200 },
  yourProfileDelete: { example: '/your-profile/delete', visitor: 303, member: 200 },
  yourProfileDeleted: { example: '/your-profile/deleted', visitor: 200 },
  // Coordinators and peer leads (issue 11): a member gets the 403 page; a peer lead sees
  // their own hub (A, Thanet) and a coordinator of hub B (Sheffield) gets 403 for Thanet's
  // search and for Thanet's person (person 1, Pauline H.); an admin looks after every hub.
  coordinate: { example: '/coordinate', ...COORDINATE_THANET, coordinator: 200 },
  coordinateExpertise: {
    example: '/coordinate/expertise?hub=thanet&skill=tablets-and-phones',
    ...COORDINATE_THANET,
  },
  coordinatePerson: { example: '/coordinate/people/1', ...COORDINATE_THANET },
  coordinatePersonContact: { example: '/coordinate/people/1/contact', ...COORDINATE_THANET },
  // Introductions (issue 11): the demo's introduction 1 waits in Thanet's queue (nobody chosen
  // yet), and 2 is closed. Steps it is not ready for say so (409); the steps that only take a
  // form answer GET with 405; the emailed answer link is public, and an unknown token is 410.
  coordinateIntroductions: {
    example: '/coordinate/introductions?state=waiting&hub=thanet',
    ...COORDINATE_THANET,
  },
  coordinateIntroduction: { example: '/coordinate/introductions/1', ...COORDINATE_THANET },
  coordinateIntroductionChoose: { example: '/coordinate/introductions/1/choose', visitor: 405 },
  coordinateIntroductionAsk: { example: '/coordinate/introductions/1/ask', visitor: 405 },
  coordinateIntroductionAnswer: {
    example: '/coordinate/introductions/1/answer',
    ...COORDINATE_THANET,
    peerLead: 409,
    admin: 409,
  },
  coordinateIntroductionHowItWent: {
    example: '/coordinate/introductions/2/how-it-went',
    ...COORDINATE_THANET,
    peerLead: 409,
    admin: 409,
  },
  coordinateIntroductionClose: { example: '/coordinate/introductions/1/close', ...COORDINATE_THANET },
  coordinateIntroductionPassOn: {
    example: '/coordinate/introductions/1/pass-on',
    ...COORDINATE_THANET,
    peerLead: 409,
    admin: 409,
  },
  coordinateIntroductionContact: { example: '/coordinate/introductions/1/contact', ...COORDINATE_THANET },
  introductionAnswer: { example: `/introductions/answer?token=${NO_SUCH_TOKEN}`, visitor: 410 },
  // Being put in touch (issue 11): anyone may ask, signed in or not. The confirmation sends
  // anyone who has sent nothing from this browser to the form.
  putMeInTouch: { example: '/put-me-in-touch?from=hub&hub=thanet', visitor: 200 },
  putMeInTouchSent: { example: '/put-me-in-touch/sent', visitor: 303 },
  // Registering someone on their behalf: any coordinator or peer lead may open the form (for
  // their own hubs); acting for Thanet's person 1 is for Thanet's peer lead and admins. The
  // consent check and the download take only forms (FORMS_BY_ROLE below): asked for, 405.
  coordinateRegister: { example: '/coordinate/register', ...COORDINATE_THANET, coordinator: 200 },
  coordinatePersonConsentChecked: { example: '/coordinate/people/1/consent-checked', visitor: 405 },
  coordinatePersonClaimLink: { example: '/coordinate/people/1/claim-link', ...COORDINATE_THANET },
  coordinatePersonDownload: { example: '/coordinate/people/1/download', visitor: 405 },
  coordinatePersonDelete: { example: '/coordinate/people/1/delete', ...COORDINATE_THANET },
  // A link no claim was made with says so, to anyone.
  claimProfile: { example: `/claim-your-profile?token=${NO_SUCH_TOKEN}`, visitor: 410 },
  // What is missing in Thanet (issue 12), as a page and as CSV: Thanet's peer lead and admins.
  coordinateGaps: { example: '/coordinate/hubs/thanet/gaps', ...COORDINATE_THANET },
  coordinateGapsCsv: { example: '/coordinate/hubs/thanet/gaps.csv', ...COORDINATE_THANET },
  // Import and export (issue 12): the open data is for anyone; importing for IMPORTERS. The
  // admin's upload has a problem, so its report answers 400 (as a form with a problem does).
  download: { example: '/download', visitor: 200 },
  downloadServices: { example: '/download/services.csv', visitor: 200 },
  downloadOrganisations: { example: '/download/organisations.csv', visitor: 200 },
  downloadPlaces: { example: '/download/places.csv', visitor: 200 },
  downloadGeojson: { example: '/download/directory.geojson', visitor: 200 },
  adminImport: { example: '/admin/import', ...IMPORTERS },
  adminImportTemplate: { example: '/admin/import/template.csv', ...IMPORTERS },
  adminImportUpload: { example: `/admin/import/${ADMIN_UPLOAD}`, ...IMPORTERS, admin: 400 },
  // Another directory's Open Referral UK feed, and the listings gone from feeds (issue 14): IMPORTERS.
  adminImportOpenReferral: { example: '/admin/import/open-referral', ...IMPORTERS },
  adminImportGone: { example: '/admin/import/gone', ...IMPORTERS },
  // Making and changing hubs (issue 12): admins and coordinators of all hubs (none in this
  // table's columns; test/integration/hubEditor.test.ts has one). The people form's address
  // sends a GET back to the hub's editor.
  adminHubs: { example: '/admin/hubs?q=than', ...ADMIN_ONLY },
  adminHubNew: { example: '/admin/hubs/new', ...ADMIN_ONLY },
  adminHubEdit: { example: '/admin/hubs/thanet/edit', ...ADMIN_ONLY },
  adminHubPeople: { example: '/admin/hubs/thanet/people', ...ADMIN_ONLY, admin: 303 },
  // Keeping listings fresh (issue 12): Thanet's list, and one of its listings (26, Dane Valley
  // Park growers) to mark as checked or archive.
  coordinateNeedsChecking: { example: '/coordinate/hubs/thanet/needs-checking', ...COORDINATE_THANET },
  coordinateServiceChecked: { example: '/coordinate/services/26/checked', ...COORDINATE_THANET },
  coordinateServiceArchive: { example: '/coordinate/services/26/archive', ...COORDINATE_THANET },
  // The same for an organisation that works in Thanet only (11, Isle of Thanet Good
  // Neighbours) and a place in Thanet (10, Old Town Library, Margate).
  coordinateOrganisationChecked: { example: '/coordinate/organisations/11/checked', ...COORDINATE_THANET },
  coordinateOrganisationArchive: { example: '/coordinate/organisations/11/archive', ...COORDINATE_THANET },
  coordinatePlaceChecked: { example: '/coordinate/places/10/checked', ...COORDINATE_THANET },
  coordinatePlaceArchive: { example: '/coordinate/places/10/archive', ...COORDINATE_THANET },
  // Suggest a change, and review it (issue 12): anyone may suggest; a reviewer must look after
  // the suggestion's hub (the demo's suggestion 1 waits in Thanet). The queue shows each
  // coordinator or peer lead their own hubs' suggestions.
  suggestServiceChange: { example: '/services/1/suggest-a-change', visitor: 200 },
  suggestOrganisationChange: { example: '/organisations/1/suggest-a-change', visitor: 200 },
  suggestPlaceChange: { example: '/places/1/suggest-a-change', visitor: 200 },
  suggestNew: { example: '/suggest-a-new-group?hub=thanet', visitor: 200 },
  suggestionSent: { example: '/suggestion-sent', visitor: 200 },
  yourSuggestions: { example: '/your-suggestions', visitor: 303, member: 200 },
  coordinateSuggestions: { example: '/coordinate/suggestions', ...COORDINATE_THANET, coordinator: 200 },
  coordinateSuggestion: { example: '/coordinate/suggestions/1', ...COORDINATE_THANET },
  // Open data (issue 14): the page under About, and the Open Referral UK API, the same for
  // everyone (no session is read). Ids are UUIDs made as the demo data is written, so the
  // one-record addresses are asked for an id no record has: the API's own 404.
  openData: { example: '/about/open-data', visitor: 200 },
  openReferral: { example: '/openreferral/v3/', visitor: 200 },
  openReferralOpenApi: { example: '/openreferral/v3/openapi.json', visitor: 200 },
  openReferralServices: { example: '/openreferral/v3/services?per_page=5&day=TU', visitor: 200 },
  openReferralService: { example: `/openreferral/v3/services/${NO_SUCH_UUID}`, visitor: 404 },
  openReferralServicesAtLocations: {
    example: '/openreferral/v3/service_at_locations?search=walk',
    visitor: 200,
  },
  openReferralServiceAtLocation: {
    example: `/openreferral/v3/service_at_locations/${NO_SUCH_UUID}`,
    visitor: 404,
  },
  openReferralTaxonomies: { example: '/openreferral/v3/taxonomies', visitor: 200 },
  openReferralTaxonomy: { example: `/openreferral/v3/taxonomies/${NO_SUCH_UUID}`, visitor: 404 },
  openReferralTaxonomyTerms: { example: '/openreferral/v3/taxonomy_terms', visitor: 200 },
  openReferralTaxonomyTerm: { example: `/openreferral/v3/taxonomy_terms/${NO_SUCH_UUID}`, visitor: 404 },
}

/**
 * Forms sent with the page's CSRF token, and what each viewer gets. The admin's form here
 * has no reason, so it is shown again with the problem (400) and changes nothing.
 */
const FORMS_BY_ROLE: {
  name: string
  to: string
  fields: Record<string, string>
  statuses: typeof ADMIN_ONLY
}[] = [
  {
    // Without a reason: refused with the error summary (400), shown nothing, wrote nothing.
    name: 'show a Thanet person’s contact details',
    to: '/coordinate/people/1/contact',
    fields: {},
    statuses: { ...COORDINATE_THANET, peerLead: 400, admin: 400 },
  },
  {
    // Without a reason: the error summary (400), and the introduction stays in the queue.
    name: 'close a Thanet introduction without an introduction',
    to: '/coordinate/introductions/1/close',
    fields: {},
    statuses: { ...COORDINATE_THANET, peerLead: 400, admin: 400 },
  },
  {
    name: 'show how to reach the person who asked for a Thanet introduction, without a reason',
    to: '/coordinate/introductions/1/contact',
    fields: {},
    statuses: { ...COORDINATE_THANET, peerLead: 400, admin: 400 },
  },
  {
    name: 'record a phone answer for a Thanet introduction',
    to: '/coordinate/introductions/1/answer',
    fields: {},
    statuses: { ...COORDINATE_THANET, peerLead: 400, admin: 400 },
  },
  {
    name: 'choose someone for a Thanet introduction',
    to: '/coordinate/introductions/1/choose',
    fields: { personId: '1' },
    statuses: { ...COORDINATE_THANET, peerLead: 303, admin: 303 },
  },
  {
    // Without what help is wanted: shown again with the problem (400), for everyone alike.
    name: 'ask to be put in touch',
    to: '/put-me-in-touch?from=hub&hub=thanet',
    fields: { name: 'Rosalind', route: 'email', email: 'rosalind@example.com', area: 'Ramsgate' },
    statuses: { visitor: 400, member: 400, peerLead: 400, coordinator: 400, admin: 400 },
  },
  {
    // Nothing filled in: the form again with its problems (400), for a coordinator of any hub.
    name: 'register someone on their behalf',
    to: '/coordinate/register',
    fields: {},
    statuses: { ...COORDINATE_THANET, peerLead: 400, coordinator: 400, admin: 400 },
  },
  {
    // Without a date: the person's page again with the problem (400), only for Thanet's staff.
    name: 'record that a Thanet person’s consent was checked',
    to: '/coordinate/people/1/consent-checked',
    fields: {},
    statuses: { ...COORDINATE_THANET, peerLead: 400, admin: 400 },
  },
  {
    name: 'send a Thanet person a link to claim their profile',
    to: '/coordinate/people/1/claim-link',
    fields: {},
    statuses: { ...COORDINATE_THANET, peerLead: 400, admin: 400 },
  },
  {
    // The download itself: only Thanet's staff get the file.
    name: 'download a Thanet person’s data',
    to: '/coordinate/people/1/download',
    fields: {},
    statuses: COORDINATE_THANET,
  },
  {
    name: 'delete a Thanet person’s data',
    to: '/coordinate/people/1/delete',
    fields: {},
    statuses: { ...COORDINATE_THANET, peerLead: 400, admin: 400 },
  },
  {
    // Without how it was checked: the form again with the problem (400), only for Thanet's staff.
    name: 'mark a Thanet listing as checked',
    to: '/coordinate/services/26/checked',
    fields: {},
    statuses: { ...COORDINATE_THANET, peerLead: 400, admin: 400 },
  },
  {
    // Without a reason: the confirmation page again with the problem (400); nothing archived.
    name: 'archive a Thanet listing',
    to: '/coordinate/services/26/archive',
    fields: {},
    statuses: { ...COORDINATE_THANET, peerLead: 400, admin: 400 },
  },
  {
    name: 'mark a Thanet organisation as checked',
    to: '/coordinate/organisations/11/checked',
    fields: {},
    statuses: { ...COORDINATE_THANET, peerLead: 400, admin: 400 },
  },
  {
    name: 'archive a Thanet organisation',
    to: '/coordinate/organisations/11/archive',
    fields: {},
    statuses: { ...COORDINATE_THANET, peerLead: 400, admin: 400 },
  },
  {
    name: 'mark a Thanet place as checked',
    to: '/coordinate/places/10/checked',
    fields: {},
    statuses: { ...COORDINATE_THANET, peerLead: 400, admin: 400 },
  },
  {
    name: 'archive a Thanet place',
    to: '/coordinate/places/10/archive',
    fields: {},
    statuses: { ...COORDINATE_THANET, peerLead: 400, admin: 400 },
  },
  {
    name: 'claim a profile with a link that does not work',
    to: '/claim-your-profile',
    fields: { token: NO_SUCH_TOKEN },
    statuses: { visitor: 303, member: 410, peerLead: 410, coordinator: 410, admin: 410 },
  },
  {
    // Sent as a form with no file: asked again for a file (400), nothing kept.
    name: 'upload a file to import',
    to: '/admin/import',
    fields: {},
    statuses: { ...IMPORTERS, admin: 400 },
  },
  {
    // Neither an address nor a file: asked again (400), nothing read or kept.
    name: 'check another directory’s feed',
    to: '/admin/import/open-referral',
    fields: {},
    statuses: { ...IMPORTERS, admin: 400 },
  },
  {
    // The admin's upload has a problem: shown again (400), nothing written.
    name: 'import a checked file',
    to: `/admin/import/${ADMIN_UPLOAD}`,
    fields: {},
    statuses: { ...IMPORTERS, admin: 400 },
  },
  {
    // Nothing filled in: the form again with its problems (400), for everyone alike.
    name: 'suggest a change to a service',
    to: '/services/1/suggest-a-change',
    fields: {},
    statuses: { visitor: 400, member: 400, peerLead: 400, coordinator: 400, admin: 400 },
  },
  {
    name: 'suggest a new group',
    to: '/suggest-a-new-group',
    fields: {},
    statuses: { visitor: 400, member: 400, peerLead: 400, coordinator: 400, admin: 400 },
  },
  {
    // Rejecting without a reason: the page again with the problem (400), only for Thanet's staff.
    name: 'reject a Thanet suggestion without a reason',
    to: '/coordinate/suggestions/1',
    fields: { decision: 'reject' },
    statuses: { ...COORDINATE_THANET, peerLead: 400, admin: 400 },
  },
  {
    name: 'change a role',
    to: '/admin/accounts/1/role',
    fields: { role: 'admin', action: 'save' },
    statuses: { ...ADMIN_ONLY, admin: 400 },
  },
  {
    name: 'disable an account',
    to: '/admin/accounts/1/disable',
    fields: {},
    statuses: { ...ADMIN_ONLY, admin: 400 },
  },
  {
    // Nothing filled in: the form again with its problems (400), and no hub made.
    name: 'make a new hub',
    to: '/admin/hubs/new',
    fields: {},
    statuses: { ...ADMIN_ONLY, admin: 400 },
  },
  {
    name: 'change a hub, with a bad boundary',
    to: '/admin/hubs/thanet/edit',
    fields: { name: 'Thanet', slug: 'thanet', centre: '51.38, 1.38', area: 'boundary', boundary: '{nope' },
    statuses: { ...ADMIN_ONLY, admin: 400 },
  },
  {
    name: 'add a peer lead to a hub without an email address',
    to: '/admin/hubs/thanet/people',
    fields: { action: 'add-lead' },
    statuses: { ...ADMIN_ONLY, admin: 400 },
  },
  {
    name: 'turn an account back on',
    to: '/admin/accounts/1/enable',
    fields: {},
    statuses: { ...ADMIN_ONLY, admin: 400 },
  },
]

/**
 * Whether the path takes forms: it is one of formPaths, or lies inside one (the confirmation,
 * '/share-your-skills/done', inside '/share-your-skills/:step'), whose CSRF check comes first.
 */
const insideAFormPath = pathMatcher(formPaths.map((name) => paths[name]))
const takesForms = (name: string): boolean =>
  (formPaths as readonly string[]).includes(name) || insideAFormPath(paths[name as PathName])

describe('every route, by who is asking', () => {
  let testApp: TestApp
  beforeAll(() => {
    testApp = aDemoTestApp()
  })

  type Column = 'peerLead' | 'coordinator' | 'admin'
  const browsers = {} as Record<Column | 'member', ReturnType<typeof aBrowser>>
  const visitor = () => aBrowser(testApp.app)

  // The member and the staff sign in once each (each address may try only 50 times in 15
  // minutes): the member with a password, the staff with a password and a two-step code.
  beforeAll(async () => {
    const hubId = (slug: string) =>
      (testApp.db.prepare('SELECT id FROM hubs WHERE slug = ?').get(slug) as { id: number }).id
    const accounts = {
      member: await anAccount(testApp.db, { role: 'member', hubIds: [hubId('thanet')] }),
      peerLead: await anAccount(testApp.db, { role: 'peer_lead', hubIds: [hubId('thanet')] }),
      coordinator: await anAccount(testApp.db, { role: 'coordinator', hubIds: [hubId('sheffield')] }),
      admin: await anAccount(testApp.db, { role: 'admin' }),
    }
    testApp.services.repositories.importUploads.replace(
      {
        id: ADMIN_UPLOAD,
        accountId: accounts.admin.id,
        fileName: 'no-rows.csv',
        sha256: '',
        rowCount: 0,
        report: JSON.stringify({
          rowCount: 0,
          problems: [{ row: null, column: null, message: 'The file has a header but no rows' }],
          problemCount: 1,
          duplicates: [],
          duplicateCount: 0,
        }),
        createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
      '2000-01-01T00:00:00Z',
    )
    for (const [column, account] of Object.entries(accounts)) {
      const browser = aBrowser(testApp.app)
      expect((await browser.signIn(account.email, account.password)).status).toBe(303)
      browsers[column as Column | 'member'] = browser
    }
  })

  it('has a row for every path the app mounts', () => {
    expect(Object.keys(ROWS).sort()).toEqual(Object.keys(paths).sort())
  })

  it.each(Object.entries(ROWS))('%s: a visitor gets what the table says', async (_name, row) => {
    const response = await request(testApp.app).get(row.example)
    expect(response.status).toBe(row.visitor)
  })

  it.each(Object.entries(ROWS))('%s: a signed-in member gets what the table says', async (_name, row) => {
    const response = await browsers.member.get(row.example)
    expect(response.status).toBe(row.member ?? row.visitor)
  })

  describe('staff: a peer lead of hub A, a coordinator of hub B, an admin', () => {
    const expected = (row: Row, column: Column): number => row[column] ?? row.member ?? row.visitor

    it.each(Object.entries(ROWS))('%s: a peer lead of hub A gets what the table says', async (_name, row) => {
      expect((await browsers.peerLead.get(row.example)).status).toBe(expected(row, 'peerLead'))
    })

    it.each(Object.entries(ROWS))(
      '%s: a coordinator of hub B gets what the table says',
      async (_name, row) => {
        expect((await browsers.coordinator.get(row.example)).status).toBe(expected(row, 'coordinator'))
      },
    )

    it.each(Object.entries(ROWS))('%s: an admin gets what the table says', async (_name, row) => {
      expect((await browsers.admin.get(row.example)).status).toBe(expected(row, 'admin'))
    })

    it.each(FORMS_BY_ROLE.map((form) => [form.name, form] as const))(
      'the form to %s, sent with its token, gets what the table says for each viewer',
      async (_name, form) => {
        const tokenOf = async (browser: ReturnType<typeof aBrowser>) =>
          csrfIn((await browser.get('/sign-in')).text)
        const asVisitor = visitor()
        // The token first: the agent sends the cookies it has when the request is made.
        const visitorToken = await tokenOf(asVisitor)
        const got: Record<string, number> = {
          visitor: (
            await asVisitor.agent
              .post(form.to)
              .type('form')
              .send({ ...form.fields, _csrf: visitorToken })
          ).status,
        }
        for (const column of ['member', 'peerLead', 'coordinator', 'admin'] as const) {
          const browser = browsers[column]
          const token = await tokenOf(browser)
          const response = await browser.agent
            .post(form.to)
            .type('form')
            .send({ ...form.fields, _csrf: token })
          got[column] = response.status
          if (response.status === 403) expect(response.text).toContain('You cannot see this page')
        }
        expect(got).toEqual(form.statuses)
      },
    )
  })

  it.each(Object.entries(ROWS).filter(([name]) => !takesForms(name)))(
    '%s: a form sent to it is refused with 405, never a failure',
    async (name, row) => {
      const response = await request(testApp.app).post(row.example).type('form').send('anything=1')
      expect(response.status).toBe(405)
      // The open data API also answers browsers' OPTIONS (CORS), and says so.
      expect(response.headers.allow).toBe(
        name.startsWith('openReferral') ? 'GET, HEAD, OPTIONS' : 'GET, HEAD',
      )
    },
  )

  it.each(Object.entries(ROWS).filter(([name]) => takesForms(name)))(
    '%s: a form sent to it without its CSRF token gets the 403 page and changes nothing',
    async (_name, row) => {
      const response = await request(testApp.app).post(row.example).type('form').send('anything=1')
      expect(response.status).toBe(403)
      expect(response.text).toContain('Sorry, that did not work')
    },
  )
})
