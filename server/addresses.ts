/**
 * The address book: every address the app links to is built here and nowhere else, so a page,
 * a presenter or a map answer cannot drift from the routes. Routes mount the same paths
 * (`paths`); presenters and templates take links from `addresses`.
 */
import type { SharingStep } from './services/sharing/contract'
import type { SearchFilters } from './validation/searchQuery'

/** The paths the routers mount, with Express's :params. */
export const paths = {
  start: '/',
  search: '/search',
  map: '/map',
  mapMarkers: '/map/markers.json',
  mapList: '/map/list',
  mapHubs: '/map/hubs.json',
  service: '/services/:id',
  organisation: '/organisations/:id',
  place: '/places/:id',
  hubs: '/hubs',
  hub: '/hubs/:slug',
  hubPrint: '/hubs/:slug/print',
  hubPlaces: '/hubs/:slug/places',
  hubOrganisations: '/hubs/:slug/organisations',
  people: '/people',
  health: '/health',
  help: '/help',
  privacy: '/privacy',
  accessibility: '/accessibility',
  about: '/about',
  // Accounts (issue 9)
  createAccount: '/create-account',
  confirmEmail: '/confirm-email',
  signIn: '/sign-in',
  signInLink: '/sign-in/email-link',
  signInWithLink: '/sign-in/link',
  forgottenPassword: '/forgotten-password',
  resetPassword: '/reset-password',
  signOut: '/sign-out',
  signedOut: '/signed-out',
  account: '/account',
  changePassword: '/account/password',
  changeEmail: '/account/email',
  confirmNewEmail: '/account/email/confirm',
  signOutEverywhere: '/account/sign-out-everywhere',
  keepAlive: '/account/keep-alive',
  // Two-step sign-in (issue 9)
  signInCode: '/sign-in/code',
  signInRecoveryCode: '/sign-in/recovery-code',
  twoStepSetUp: '/account/two-step',
  twoStepRecoveryCodes: '/account/two-step/recovery-codes',
  twoStepTurnOff: '/account/two-step/turn-off',
  devOutbox: '/dev/outbox',
  // Admin pages (issue 9): accounts, roles and hubs, the audit log
  admin: '/admin',
  adminAccounts: '/admin/accounts',
  adminAccount: '/admin/accounts/:id',
  adminAccountRole: '/admin/accounts/:id/role',
  adminAccountDisable: '/admin/accounts/:id/disable',
  adminAccountEnable: '/admin/accounts/:id/enable',
  adminAuditLog: '/admin/audit-log',
  // Share your skills and your profile (issue 10)
  shareSkills: '/share-your-skills',
  shareSkillsStep: '/share-your-skills/:step',
  shareSkillsDone: '/share-your-skills/done',
  yourProfile: '/your-profile',
  yourProfilePause: '/your-profile/pause',
  yourProfileWithdraw: '/your-profile/withdraw',
  yourProfileDownload: '/your-profile/download',
  yourProfileDelete: '/your-profile/delete',
  yourProfileDeleted: '/your-profile/deleted',
  // Coordinators and peer leads (issue 11): home, find local expertise, a person, their contact details
  coordinate: '/coordinate',
  coordinateExpertise: '/coordinate/expertise',
  coordinatePerson: '/coordinate/people/:id',
  coordinatePersonContact: '/coordinate/people/:id/contact',
  // Introductions (issue 11): the hub's queue, one introduction and its steps, and the link
  // the person asked answers through (public: no sign-in)
  coordinateIntroductions: '/coordinate/introductions',
  coordinateIntroduction: '/coordinate/introductions/:id',
  coordinateIntroductionChoose: '/coordinate/introductions/:id/choose',
  coordinateIntroductionAsk: '/coordinate/introductions/:id/ask',
  coordinateIntroductionAnswer: '/coordinate/introductions/:id/answer',
  coordinateIntroductionHowItWent: '/coordinate/introductions/:id/how-it-went',
  coordinateIntroductionClose: '/coordinate/introductions/:id/close',
  coordinateIntroductionPassOn: '/coordinate/introductions/:id/pass-on',
  coordinateIntroductionContact: '/coordinate/introductions/:id/contact',
  introductionAnswer: '/introductions/answer',
  // Being put in touch (issue 11): anyone may ask, without an account
  putMeInTouch: '/put-me-in-touch',
  putMeInTouchSent: '/put-me-in-touch/sent',
  // Registering someone on their behalf (issue 11), and acting for them later
  coordinateRegister: '/coordinate/register',
  coordinatePersonConsentChecked: '/coordinate/people/:id/consent-checked',
  coordinatePersonClaimLink: '/coordinate/people/:id/claim-link',
  coordinatePersonDownload: '/coordinate/people/:id/download',
  coordinatePersonDelete: '/coordinate/people/:id/delete',
  claimProfile: '/claim-your-profile',
  // What is missing in a hub, the gaps report (issue 12), and the same as CSV
  coordinateGaps: '/coordinate/hubs/:slug/gaps',
  coordinateGapsCsv: '/coordinate/hubs/:slug/gaps.csv',
  // Import and export of the directory (issue 12): the open data for anyone; import for
  // admins and coordinators of every hub
  download: '/download',
  downloadServices: '/download/services.csv',
  downloadOrganisations: '/download/organisations.csv',
  downloadPlaces: '/download/places.csv',
  downloadGeojson: '/download/directory.geojson',
  adminImport: '/admin/import',
  adminImportTemplate: '/admin/import/template.csv',
  // Reading another directory's Open Referral UK feed (issue 14), and its listings gone from it
  adminImportOpenReferral: '/admin/import/open-referral',
  adminImportGone: '/admin/import/gone',
  adminImportUpload: '/admin/import/:id',
  // Making and changing hubs (issue 12): admins and coordinators of all hubs
  adminHubs: '/admin/hubs',
  adminHubNew: '/admin/hubs/new',
  adminHubEdit: '/admin/hubs/:slug/edit',
  adminHubPeople: '/admin/hubs/:slug/people',
  // Keeping listings fresh (issue 12): a hub's listings that need checking, marking one as
  // checked, archiving one
  coordinateNeedsChecking: '/coordinate/hubs/:slug/needs-checking',
  coordinateServiceChecked: '/coordinate/services/:id/checked',
  coordinateServiceArchive: '/coordinate/services/:id/archive',
  coordinateOrganisationChecked: '/coordinate/organisations/:id/checked',
  coordinateOrganisationArchive: '/coordinate/organisations/:id/archive',
  coordinatePlaceChecked: '/coordinate/places/:id/checked',
  coordinatePlaceArchive: '/coordinate/places/:id/archive',
  // Suggest a change, and review it (issue 12)
  suggestServiceChange: '/services/:id/suggest-a-change',
  suggestOrganisationChange: '/organisations/:id/suggest-a-change',
  suggestPlaceChange: '/places/:id/suggest-a-change',
  suggestNew: '/suggest-a-new-group',
  suggestionSent: '/suggestion-sent',
  yourSuggestions: '/your-suggestions',
  coordinateSuggestions: '/coordinate/suggestions',
  coordinateSuggestion: '/coordinate/suggestions/:id',
  // Open data (issue 14): the page that says so, and the Open Referral UK API, read-only and
  // open to anyone (server/features/openReferral/router.ts)
  openData: '/about/open-data',
  openReferral: '/openreferral/v3',
  openReferralOpenApi: '/openreferral/v3/openapi.json',
  openReferralServices: '/openreferral/v3/services',
  openReferralService: '/openreferral/v3/services/:id',
  openReferralServicesAtLocations: '/openreferral/v3/service_at_locations',
  openReferralServiceAtLocation: '/openreferral/v3/service_at_locations/:id',
  openReferralTaxonomies: '/openreferral/v3/taxonomies',
  openReferralTaxonomy: '/openreferral/v3/taxonomies/:id',
  openReferralTaxonomyTerms: '/openreferral/v3/taxonomy_terms',
  openReferralTaxonomyTerm: '/openreferral/v3/taxonomy_terms/:id',
} as const

/** The first part of each kind of listing's addresses. */
const LISTING_FOLDERS = { service: 'services', organisation: 'organisations', place: 'places' } as const

/**
 * The paths that take forms (POST). Each POST to them must carry the CSRF token
 * (server/middleware/csrf.ts); every other path takes GET and HEAD only.
 */
export const formPaths: readonly (keyof typeof paths)[] = [
  'createAccount',
  'confirmEmail',
  'signIn',
  'signInLink',
  'signInWithLink',
  'forgottenPassword',
  'resetPassword',
  'signOut',
  'changePassword',
  'changeEmail',
  'confirmNewEmail',
  'signOutEverywhere',
  'keepAlive',
  'signInCode',
  'signInRecoveryCode',
  'twoStepSetUp',
  'twoStepRecoveryCodes',
  'twoStepTurnOff',
  'adminAccountRole',
  'adminAccountDisable',
  'adminAccountEnable',
  'shareSkillsStep',
  'yourProfilePause',
  'yourProfileWithdraw',
  'yourProfileDelete',
  'coordinatePersonContact',
  'coordinateIntroductionChoose',
  'coordinateIntroductionAsk',
  'coordinateIntroductionAnswer',
  'coordinateIntroductionHowItWent',
  'coordinateIntroductionClose',
  'coordinateIntroductionContact',
  'introductionAnswer',
  'putMeInTouch',
  'coordinateRegister',
  'coordinatePersonConsentChecked',
  'coordinatePersonClaimLink',
  'coordinatePersonDownload',
  'coordinatePersonDelete',
  'claimProfile',
  'adminImport',
  'adminImportOpenReferral',
  'adminImportUpload',
  'adminHubNew',
  'adminHubEdit',
  'adminHubPeople',
  'coordinateServiceChecked',
  'coordinateServiceArchive',
  'coordinateOrganisationChecked',
  'coordinateOrganisationArchive',
  'coordinatePlaceChecked',
  'coordinatePlaceArchive',
  'suggestServiceChange',
  'suggestOrganisationChange',
  'suggestPlaceChange',
  'suggestNew',
  'coordinateSuggestion',
]

/**
 * The page someone asks to be put in touch from, as "Ask to be put in touch" links carry it:
 * a service, a hub, a public profile, or search results (their words and place).
 */
export type PutMeInTouchFrom =
  | { from: 'service'; id: number }
  | { from: 'hub'; hub: string }
  | { from: 'person'; id: number }
  | { from: 'search'; q?: string; where?: string }

/**
 * The form paths that take a file (multipart/form-data). Their CSRF token is in the form's
 * body too, which only the route's upload handler reads: the route checks it, after checking
 * who is asking and before anything is kept (server/middleware/csrf.ts).
 */
export const uploadPaths: readonly (keyof typeof paths)[] = ['adminImport', 'adminImportOpenReferral']

/** The filters a search or map link carries; every field is optional, missing means "not set". */
export type SearchLinkFilters = Partial<Omit<SearchFilters, 'page'>>

/**
 * The query string /search and /map write: every filter that is set, in a fixed order, and
 * the page only when it is not the first. Empty when nothing is set.
 */
export function searchQueryString(filters: SearchLinkFilters, page = 1): string {
  const query = new URLSearchParams()
  if (filters.q) query.append('q', filters.q)
  if (filters.where) query.append('where', filters.where)
  if (typeof filters.lat === 'number' && typeof filters.lng === 'number') {
    query.append('lat', String(filters.lat))
    query.append('lng', String(filters.lng))
  }
  for (const code of filters.categories ?? []) query.append('category', code)
  if (filters.day) query.append('day', filters.day)
  if (filters.free) query.append('free', 'yes')
  for (const code of filters.access ?? []) query.append('access', code)
  if (filters.home) query.append('home', 'yes')
  if (typeof filters.distance === 'number') query.append('distance', String(filters.distance))
  if (page > 1) query.append('page', String(page))
  return query.toString()
}

const withQuery = (path: string, query: string): string => (query ? `${path}?${query}` : path)
const withToken = (path: string, token: string): string => `${path}?token=${encodeURIComponent(token)}`
const withPage = (path: string, page: number): string => (page > 1 ? `${path}?page=${page}` : path)

export const addresses = {
  start: (): string => paths.start,
  /** /search?... with the filters set; page only when it is not 1 */
  search: (filters: SearchLinkFilters = {}, page = 1): string =>
    withQuery(paths.search, searchQueryString(filters, page)),
  /** /map?... with the same filters as a search (the map has no pages) */
  map: (filters: SearchLinkFilters = {}): string => withQuery(paths.map, searchQueryString(filters)),
  mapMarkers: (): string => paths.mapMarkers,
  mapList: (): string => paths.mapList,
  mapHubs: (): string => paths.mapHubs,
  service: (id: number): string => `/services/${id}`,
  /** an organisation's page; `page` of the groups it runs only when it is not 1 */
  organisation: (id: number, page = 1): string => withPage(`/organisations/${id}`, page),
  /** a place's page; `page` of what happens there only when it is not 1 */
  place: (id: number, page = 1): string => withPage(`/places/${id}`, page),
  /** /hubs, optionally nearest first to a place typed in Where, and a page when it is not 1 */
  hubs: (filters: { where?: string; page?: number } = {}): string => {
    const query = new URLSearchParams()
    if (filters.where) query.append('where', filters.where)
    if (filters.page !== undefined && filters.page > 1) query.append('page', String(filters.page))
    return withQuery(paths.hubs, query.toString())
  },
  hub: (slug: string): string => `/hubs/${encodeURIComponent(slug)}`,
  /** the hub page's "How to contact the hub" */
  hubContact: (slug: string): string => `/hubs/${encodeURIComponent(slug)}#contact`,
  hubPrint: (slug: string): string => `/hubs/${encodeURIComponent(slug)}/print`,
  /** a hub's places, a page at a time */
  hubPlaces: (slug: string, page = 1): string => withPage(`/hubs/${encodeURIComponent(slug)}/places`, page),
  /** the organisations that work in a hub, a page at a time */
  hubOrganisations: (slug: string, page = 1): string =>
    withPage(`/hubs/${encodeURIComponent(slug)}/organisations`, page),
  /** /people, optionally for one hub and one skill; page only when it is not 1 */
  people: (filters: { hub?: string | null; skill?: string | null } = {}, page = 1): string => {
    const query = new URLSearchParams()
    if (filters.hub) query.append('hub', filters.hub)
    if (filters.skill) query.append('skill', filters.skill)
    if (page > 1) query.append('page', String(page))
    return withQuery(paths.people, query.toString())
  },
  help: (section?: 'report-a-wrong-listing'): string => (section ? `${paths.help}#${section}` : paths.help),
  privacy: (): string => paths.privacy,
  accessibility: (): string => paths.accessibility,
  about: (): string => paths.about,
  /** creating an account; where to go back to once its email address is confirmed */
  createAccount: (options: { returnTo?: string } = {}): string =>
    withQuery(
      paths.createAccount,
      options.returnTo ? new URLSearchParams({ return: options.returnTo }).toString() : '',
    ),
  /**
   * a link from an email: the token rides in the query string, which the logs never keep;
   * with `returnTo`, where confirming it goes on to (a page of this site)
   */
  confirmEmail: (token: string, options: { returnTo?: string } = {}): string =>
    options.returnTo
      ? `${withToken(paths.confirmEmail, token)}&${new URLSearchParams({ return: options.returnTo }).toString()}`
      : withToken(paths.confirmEmail, token),
  /** the sign-in page; where to go back to after, and whether it follows a time-out */
  signIn: (options: { returnTo?: string; timedOut?: boolean } = {}): string => {
    const query = new URLSearchParams()
    if (options.returnTo && options.returnTo !== paths.account) query.append('return', options.returnTo)
    if (options.timedOut) query.append('timed-out', 'yes')
    return withQuery(paths.signIn, query.toString())
  },
  signInLink: (): string => paths.signInLink,
  signInWithLink: (token: string): string => withToken(paths.signInWithLink, token),
  forgottenPassword: (): string => paths.forgottenPassword,
  resetPassword: (token: string): string => withToken(paths.resetPassword, token),
  signOut: (): string => paths.signOut,
  /** after signing out; `everywhere` after "Sign out everywhere" */
  signedOut: (options: { everywhere?: boolean } = {}): string =>
    options.everywhere ? `${paths.signedOut}?everywhere=yes` : paths.signedOut,
  account: (): string => paths.account,
  changePassword: (): string => paths.changePassword,
  changeEmail: (): string => paths.changeEmail,
  confirmNewEmail: (token: string): string => withToken(paths.confirmNewEmail, token),
  signOutEverywhere: (): string => paths.signOutEverywhere,
  keepAlive: (): string => paths.keepAlive,
  signInCode: (): string => paths.signInCode,
  signInRecoveryCode: (): string => paths.signInRecoveryCode,
  twoStepSetUp: (): string => paths.twoStepSetUp,
  twoStepRecoveryCodes: (): string => paths.twoStepRecoveryCodes,
  twoStepTurnOff: (): string => paths.twoStepTurnOff,
  /** the outbox, newest first, a page at a time */
  devOutbox: (page = 1): string => withPage(paths.devOutbox, page),
  admin: (): string => paths.admin,
  /** the accounts, optionally those whose name or email holds `q`, of one role; page when not 1 */
  adminAccounts: (filters: { q?: string | null; role?: string | null } = {}, page = 1): string => {
    const query = new URLSearchParams()
    if (filters.q) query.append('q', filters.q)
    if (filters.role) query.append('role', filters.role)
    if (page > 1) query.append('page', String(page))
    return withQuery(paths.adminAccounts, query.toString())
  },
  adminAccount: (id: number): string => `/admin/accounts/${id}`,
  adminAccountRole: (id: number): string => `/admin/accounts/${id}/role`,
  adminAccountDisable: (id: number): string => `/admin/accounts/${id}/disable`,
  adminAccountEnable: (id: number): string => `/admin/accounts/${id}/enable`,
  /** the audit log with its filters (each left out when empty); page when not 1 */
  adminAuditLog: (filters: Record<string, string | null | undefined> = {}, page = 1): string => {
    const query = new URLSearchParams()
    for (const [name, value] of Object.entries(filters)) if (value) query.append(name, value)
    if (page > 1) query.append('page', String(page))
    return withQuery(paths.adminAuditLog, query.toString())
  },
  /** "Share your skills": the start page */
  /** "Share your skills": the start page; from a hub's page, carrying the hub to "Your hub" */
  shareSkills: (options: { hub?: string } = {}): string =>
    withQuery(paths.shareSkills, options.hub ? new URLSearchParams({ hub: options.hub }).toString() : ''),
  /**
   * One question page. `from` says where to go back to after it: "Check your answers" during
   * the journey, or "Your profile" when changing one answer of a profile. `hub`, a hub whose
   * page the person started from, is carried through to "Your hub", where it is chosen first.
   */
  shareSkillsStep: (
    step: SharingStep,
    options: { from?: 'check' | 'profile'; hub?: string } = {},
  ): string => {
    const query = new URLSearchParams()
    if (options.from) query.append('from', options.from)
    if (options.hub) query.append('hub', options.hub)
    return withQuery(`/share-your-skills/${step}`, query.toString())
  },
  shareSkillsDone: (): string => paths.shareSkillsDone,
  yourProfile: (): string => paths.yourProfile,
  yourProfilePause: (): string => paths.yourProfilePause,
  yourProfileWithdraw: (): string => paths.yourProfileWithdraw,
  /** the person's data as one JSON file */
  yourProfileDownload: (): string => paths.yourProfileDownload,
  yourProfileDelete: (): string => paths.yourProfileDelete,
  yourProfileDeleted: (): string => paths.yourProfileDeleted,
  /** the coordinator home; page of the hubs looked after when not 1 */
  coordinate: (page = 1): string => withPage(paths.coordinate, page),
  /** Find local expertise with what was asked (each left out when empty); page when not 1 */
  coordinateExpertise: (
    filters: {
      skill?: string | null
      q?: string | null
      hub?: string | null
      where?: string | null
      miles?: number | null
      /** choosing someone for this introduction */
      introduction?: number | null
    } = {},
    page = 1,
  ): string => {
    const query = new URLSearchParams()
    if (filters.introduction) query.append('introduction', String(filters.introduction))
    if (filters.skill) query.append('skill', filters.skill)
    if (filters.q) query.append('q', filters.q)
    if (filters.hub) query.append('hub', filters.hub)
    if (filters.where) query.append('where', filters.where)
    if (filters.where && filters.miles) query.append('miles', String(filters.miles))
    if (page > 1) query.append('page', String(page))
    return withQuery(paths.coordinateExpertise, query.toString())
  },
  /** a person as the coordinators of their hub see them */
  coordinatePerson: (id: number): string => `/coordinate/people/${id}`,
  /** "Show contact details": the reason asked, then the details */
  coordinatePersonContact: (id: number): string => `/coordinate/people/${id}/contact`,
  /** the introductions in one state (oldest waiting first), in one hub or all the viewer's; page when not 1 */
  coordinateIntroductions: (
    filters: { state?: string | null; hub?: string | null } = {},
    page = 1,
  ): string => {
    const query = new URLSearchParams()
    if (filters.state) query.append('state', filters.state)
    if (filters.hub) query.append('hub', filters.hub)
    if (page > 1) query.append('page', String(page))
    return withQuery(paths.coordinateIntroductions, query.toString())
  },
  coordinateIntroduction: (id: number): string => `/coordinate/introductions/${id}`,
  coordinateIntroductionChoose: (id: number): string => `/coordinate/introductions/${id}/choose`,
  coordinateIntroductionAsk: (id: number): string => `/coordinate/introductions/${id}/ask`,
  coordinateIntroductionAnswer: (id: number): string => `/coordinate/introductions/${id}/answer`,
  coordinateIntroductionHowItWent: (id: number): string => `/coordinate/introductions/${id}/how-it-went`,
  coordinateIntroductionClose: (id: number): string => `/coordinate/introductions/${id}/close`,
  /** what to say, or a letter, to pass on both sides' details (print-friendly; an audited reveal) */
  coordinateIntroductionPassOn: (id: number): string => `/coordinate/introductions/${id}/pass-on`,
  /** "Show how to reach them": the contact details of the person who asked, with a reason (audited) */
  coordinateIntroductionContact: (id: number): string => `/coordinate/introductions/${id}/contact`,
  /** the emailed link to accept or decline: the token rides in the query string, which the logs never keep */
  introductionAnswer: (token: string): string => withToken(paths.introductionAnswer, token),
  /**
   * "Ask to be put in touch": the form, saying where it was asked from (nothing for the form
   * on its own): ?from=service&id=12, ?from=hub&hub=thanet, ?from=person&id=5,
   * ?from=search&q=tablets&where=Margate
   */
  putMeInTouch: (page?: PutMeInTouchFrom): string => {
    if (!page) return paths.putMeInTouch
    const query = new URLSearchParams({ from: page.from })
    switch (page.from) {
      case 'service':
      case 'person':
        query.append('id', String(page.id))
        break
      case 'hub':
        query.append('hub', page.hub)
        break
      case 'search':
        if (page.q) query.append('q', page.q)
        if (page.where) query.append('where', page.where)
        break
    }
    return withQuery(paths.putMeInTouch, query.toString())
  },
  /** the confirmation: what happens next and the reference (nothing personal in the address) */
  putMeInTouchSent: (): string => paths.putMeInTouchSent,
  /** "Register someone on their behalf"; from a hub's section of the coordinator home, with that hub chosen */
  coordinateRegister: (options: { hub?: string } = {}): string =>
    withQuery(
      paths.coordinateRegister,
      options.hub ? new URLSearchParams({ hub: options.hub }).toString() : '',
    ),
  /**
   * a person's coordinator page; `done` says what was just done there, for its banner
   * (registered on their behalf, consent checked, a claim link sent)
   */
  coordinatePersonDone: (id: number, done: 'registered' | 'consent-checked' | 'claim-link-sent'): string =>
    `/coordinate/people/${id}?done=${done}`,
  coordinatePersonConsentChecked: (id: number): string => `/coordinate/people/${id}/consent-checked`,
  coordinatePersonClaimLink: (id: number): string => `/coordinate/people/${id}/claim-link`,
  coordinatePersonDownload: (id: number): string => `/coordinate/people/${id}/download`,
  coordinatePersonDelete: (id: number): string => `/coordinate/people/${id}/delete`,
  /** a hub's listings not checked in 12 months, oldest first; `done` says what was just done, for its banner */
  coordinateNeedsChecking: (slug: string, page = 1, done?: 'checked' | 'archived'): string => {
    const query = new URLSearchParams()
    if (page > 1) query.set('page', String(page))
    if (done) query.set('done', done)
    const path = `/coordinate/hubs/${encodeURIComponent(slug)}/needs-checking`
    return query.size > 0 ? `${path}?${query.toString()}` : path
  },
  /** "Mark as checked" for a service */
  coordinateServiceChecked: (id: number): string => `/coordinate/services/${id}/checked`,
  /** "Archive" for a service: its confirmation page */
  coordinateServiceArchive: (id: number): string => `/coordinate/services/${id}/archive`,
  /** "Mark as checked" for a group, an organisation or a place */
  coordinateListingChecked: (type: 'service' | 'organisation' | 'place', id: number): string =>
    `/coordinate/${LISTING_FOLDERS[type]}/${id}/checked`,
  /** "Archive" for a group, an organisation or a place: its confirmation page */
  coordinateListingArchive: (type: 'service' | 'organisation' | 'place', id: number): string =>
    `/coordinate/${LISTING_FOLDERS[type]}/${id}/archive`,
  /** a group's, an organisation's or a place's own page */
  listing: (type: 'service' | 'organisation' | 'place', id: number): string =>
    `/${LISTING_FOLDERS[type]}/${id}`,
  /** the emailed link to claim a profile made on someone's behalf: the token in the query string, which the logs never keep */
  claimProfile: (token: string): string => withToken(paths.claimProfile, token),
  /** what is missing in a hub: its groups and skills against the other hubs' */
  coordinateGaps: (slug: string): string => `/coordinate/hubs/${encodeURIComponent(slug)}/gaps`,
  /** the gaps report as a CSV file */
  coordinateGapsCsv: (slug: string): string => `/coordinate/hubs/${encodeURIComponent(slug)}/gaps.csv`,
  /** "Download the directory": the open data */
  download: (): string => paths.download,
  downloadServices: (): string => paths.downloadServices,
  downloadOrganisations: (): string => paths.downloadOrganisations,
  downloadPlaces: (): string => paths.downloadPlaces,
  downloadGeojson: (): string => paths.downloadGeojson,
  /** "Open data": what the directory's open data is, its licence, and where the API is */
  openData: (): string => paths.openData,
  /** the Open Referral UK API's base address (its GET / says where the rest is) */
  openReferral: (): string => `${paths.openReferral}/`,
  openReferralOpenApi: (): string => paths.openReferralOpenApi,
  openReferralServices: (): string => paths.openReferralServices,
  /** importing listings from a CSV file: the template and the upload */
  adminImport: (): string => paths.adminImport,
  adminImportTemplate: (): string => paths.adminImportTemplate,
  /** importing another directory's Open Referral UK feed: an address or a JSON file */
  adminImportOpenReferral: (): string => paths.adminImportOpenReferral,
  /** the imported listings gone from their feeds; page when not 1 */
  adminImportGone: (page = 1): string => withPage(paths.adminImportGone, page),
  /** one upload's dry-run report (and, once imported, its result); page of problems when not 1 */
  adminImportUpload: (id: string, page = 1): string =>
    withPage(`/admin/import/${encodeURIComponent(id)}`, page),
  /** "Suggest a change" to a service, organisation or place */
  suggestChange: (type: 'service' | 'organisation' | 'place', id: number): string =>
    type === 'service'
      ? `/services/${id}/suggest-a-change`
      : type === 'organisation'
        ? `/organisations/${id}/suggest-a-change`
        : `/places/${id}/suggest-a-change`,
  /** "Suggest a new group or place"; from a hub's page, carrying the hub to go back to */
  suggestNew: (options: { hub?: string } = {}): string =>
    withQuery(paths.suggestNew, options.hub ? new URLSearchParams({ hub: options.hub }).toString() : ''),
  suggestionSent: (): string => paths.suggestionSent,
  /** the signed-in person's own suggestions; page when not 1 */
  yourSuggestions: (page = 1): string => withPage(paths.yourSuggestions, page),
  /** the review queue of the hubs the viewer looks after, oldest first; page when not 1 */
  coordinateSuggestions: (page = 1): string => withPage(paths.coordinateSuggestions, page),
  coordinateSuggestion: (id: number): string => `/coordinate/suggestions/${id}`,
  /** a phone number to ring from the page: "tel:" and its digits, "tel:01632960002" */
  phone: (number: string): string => `tel:${number.replace(/[^0-9+]/g, '')}`,
  /** an email address to write to from the page */
  email: (address: string): string => `mailto:${address}`,
  /**
   * Directions to a point on OpenStreetMap's own site, which asks where from:
   * "https://www.openstreetmap.org/directions?to=51.3886,1.3866". A plain link, opened in the same tab.
   */
  directions: (point: { latitude: number; longitude: number }): string =>
    `https://www.openstreetmap.org/directions?to=${String(point.latitude)},${String(point.longitude)}`,
  /** an address on this site as a full web address, for printed sheets */
  absolute: (baseUrl: string, address: string): string => `${baseUrl.replace(/\/$/, '')}${address}`,
  /** the admin's list of hubs, optionally those named like `q`; page only when it is not 1 */
  adminHubs: (filters: { q?: string | null } = {}, page = 1): string => {
    const query = new URLSearchParams()
    if (filters.q) query.append('q', filters.q)
    if (page > 1) query.append('page', String(page))
    return withQuery(paths.adminHubs, query.toString())
  },
  adminHubNew: (): string => paths.adminHubNew,
  adminHubEdit: (slug: string): string => `/admin/hubs/${encodeURIComponent(slug)}/edit`,
  adminHubPeople: (slug: string): string => `/admin/hubs/${encodeURIComponent(slug)}/people`,
}

export type Addresses = typeof addresses
