import type { Db } from '../../db/connection'
import { buildRepositories } from '../../db/repositories'
import { addresses } from '../addresses'
import type { Config } from '../config'
import { AccountService } from './accounts/accountService'
import { AuditTrail } from './accounts/auditTrail'
import { TwoStepService } from './accounts/twoStepService'
import { AccountAdminService } from './admin/accountAdminService'
import { type Mailer, OutboxMailer, SmtpMailer } from './accounts/mailer'
import { type Clock, systemClock } from './clock'
import { CoordinatorService } from './coordinate/coordinatorService'
import { OnBehalfService } from './coordinate/onBehalfService'
import { GapsService } from './coordinate/gapsService'
import { DirectoryImportService } from './directory/directoryImportService'
import { OpenReferralImportService } from './directory/openReferral/openReferralImportService'
import { OpenReferralService } from '../features/openReferral/openReferralService'
import { FreshnessService } from './freshness/freshnessService'
import { HealthService } from './healthService'
import { HubEditorService } from './hubs/hubEditorService'
import { HubsService } from './hubsService'
import { IntroductionService } from './introductions/introductionService'
import { IntroductionRequestService } from './introductions/introductionRequestService'
import { ListingsService } from './listingsService'
import { LocationService } from './locationService'
import { DirectoryMarkerSource, MapService } from './mapService'
import { PeopleService } from './peopleService'
import { RetentionService, retentionPeriods } from './retention/retentionService'
import { SearchService } from './searchService'
import { searchesInProcess } from './searchWorker'
import { ProfileService } from './sharing/profileService'
import { SharingService } from './sharing/sharingService'
import { SuggestionService } from './suggestions/suggestionService'

/** Builds every service from one database, config and clock. Its return type is the app's dependencies. */
export function buildServices(db: Db, config: Config, clock: Clock = systemClock) {
  const repositories = buildRepositories(db)
  const audit = new AuditTrail(repositories.auditLog, clock)
  const mailer: Mailer = config.smtpUrl
    ? new SmtpMailer(config.smtpUrl, config.mailFrom)
    : new OutboxMailer(repositories.outbox, clock)
  // One source of truth for every answer cache: the data version kept in the database.
  const dataVersion = () => repositories.dataVersion.current()
  const location = new LocationService(repositories.gazetteer, repositories.postcodes)
  const people = new PeopleService(repositories.people, config.privacyMinCount, location, dataVersion)
  const listings = new ListingsService(
    repositories.services,
    repositories.organisations,
    repositories.places,
    repositories.hubSummaries,
    clock,
    dataVersion,
  )
  const search = new SearchService(repositories.search, listings, location, people, dataVersion, {
    radiusMiles: config.searchRadiusMiles,
  })
  const sharing = new SharingService(repositories, location, audit, clock)
  const profiles = new ProfileService(repositories, audit, clock)
  const introductions = new IntroductionService(
    db,
    repositories.introductions,
    repositories.expertise,
    audit,
    mailer,
    clock,
    {
      answerDays: config.introductionAnswerDays,
      retentionMonths: config.introductionRetentionMonths,
      answerLink: (token) => addresses.absolute(config.baseUrl, addresses.introductionAnswer(token)),
    },
  )
  return {
    config,
    clock,
    repositories,
    health: new HealthService(db),
    audit,
    mailer,
    accounts: new AccountService(
      repositories.accounts,
      repositories.emailedLinks,
      repositories.sessions,
      audit,
      clock,
    ),
    twoStep: new TwoStepService(
      repositories.twoStep,
      repositories.accounts,
      audit,
      clock,
      config.sessionSecret,
    ),
    accountAdmin: new AccountAdminService(
      repositories.accounts,
      repositories.sessions,
      repositories.auditLog,
      {
        findHub: (slug) => repositories.people.findHub(slug),
        hubsNamed: (ids) => repositories.people.hubsNamed(ids),
        hubsFor: (typed) => {
          const found = people.findHubs(typed)
          return found.kind === 'hub' ? [found.hub] : found.kind === 'hubs' ? found.hubs : []
        },
      },
      audit,
      clock,
    ),
    location,
    people,
    hubs: new HubsService(repositories.hubs, people, location, dataVersion, search),
    // Making and changing hubs (issue 12)
    hubEditor: new HubEditorService(
      repositories.hubs,
      repositories.hubEditing,
      repositories.accounts,
      (typed) => location.resolve(typed),
      audit,
      clock,
    ),
    listings,
    search,
    // On the main thread here; server/index.ts moves searches to worker threads (startSearches).
    searches: searchesInProcess(search),
    sharing,
    profiles,
    freshness: new FreshnessService(
      db,
      repositories.freshness,
      repositories.services,
      repositories.organisations,
      repositories.places,
      audit,
      clock,
      repositories.people,
      repositories.openReferralSources,
    ),
    coordinator: new CoordinatorService(repositories.expertise, repositories.people, audit, clock),
    introductions,
    // Being put in touch (issue 11): the public form's side; coordinators' side is `introductions`.
    introductionRequests: new IntroductionRequestService({
      db,
      requests: repositories.introductionRequests,
      people: repositories.people,
      servicePage: (id) => listings.servicePage(id),
      resolvePlace: (typed) => location.resolve(typed),
      audit,
      clock,
      answerDays: config.introductionAnswerDays,
    }),
    // Suggest a change, and review it (issue 12)
    suggestions: new SuggestionService(db, repositories, location, audit, mailer, clock),
    onBehalf: new OnBehalfService(repositories, sharing, profiles, audit, clock),
    gaps: new GapsService(
      repositories.gaps,
      (slug) => repositories.people.findHub(slug),
      config.privacyMinCount,
      dataVersion,
    ),
    directoryImport: new DirectoryImportService(repositories, location, audit, clock),
    openReferralImport: new OpenReferralImportService(repositories, location, audit, clock),
    // The open data API (issue 14): its searches use search's own full-text index and synonyms
    openReferral: new OpenReferralService(repositories.openReferral, search, location, dataVersion, clock),
    // Retention (issue 13): the daily purge, and `npm run purge`
    retention: new RetentionService(
      {
        db,
        repositories,
        audit,
        anonymiseIntroductions: (limit) => introductions.anonymiseClosed(limit),
        deleteWithdrawnProfiles: (before, limit) => profiles.deleteWithdrawnBefore(before, limit),
      },
      retentionPeriods(config),
      clock,
    ),
    map: new MapService(
      new DirectoryMarkerSource(search, repositories.mapData),
      repositories.mapData,
      { service: addresses.service, hub: addresses.hub },
      repositories.gazetteer,
      dataVersion,
    ),
  }
}

export type Services = ReturnType<typeof buildServices>
