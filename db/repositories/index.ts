import type { Db } from '../connection'
import { AccountsRepository } from './accountsRepository'
import { AuditLogRepository } from './auditLogRepository'
import { ClaimLinksRepository } from './claimLinksRepository'
import { ConsentsRepository } from './consentsRepository'
import { DataVersionRepository } from './dataVersionRepository'
import { DirectoryTransferRepository } from './directoryTransferRepository'
import { EmailedLinksRepository } from './emailedLinksRepository'
import { ExpertiseRepository } from './expertiseRepository'
import { GapsRepository } from './gapsRepository'
import { FreshnessRepository } from './freshnessRepository'
import { GazetteerRepository } from './gazetteerRepository'
import { HubEditingRepository } from './hubEditingRepository'
import { HubSummariesRepository } from './hubSummariesRepository'
import { HubsRepository } from './hubsRepository'
import { IntroductionsRepository } from './introductionsRepository'
import { IntroductionRequestsRepository } from './introductionRequestsRepository'
import { ImportUploadsRepository } from './importUploadsRepository'
import { MapDataRepository } from './mapDataRepository'
import { OpenReferralSourcesRepository } from './openReferralSourcesRepository'
import { OpenReferralRepository } from './openReferralRepository'
import { OrganisationsRepository } from './organisationsRepository'
import { OutboxRepository } from './outboxRepository'
import { PeopleRepository } from './peopleRepository'
import { PlacesRepository } from './placesRepository'
import { PostcodesRepository } from './postcodesRepository'
import { ProfilesRepository } from './profilesRepository'
import { SearchIndexRepository } from './searchIndexRepository'
import { SearchRepository } from './searchRepository'
import { ServicesRepository } from './servicesRepository'
import { SessionsRepository } from './sessionsRepository'
import { SharingDraftsRepository } from './sharingDraftsRepository'
import { SkillGroupsRepository } from './skillGroupsRepository'
import { SuggestionsRepository } from './suggestionsRepository'
import { TermsRepository } from './termsRepository'
import { TwoStepRepository } from './twoStepRepository'

/** Every repository over one database. */
export function buildRepositories(db: Db) {
  return {
    db,
    services: new ServicesRepository(db),
    organisations: new OrganisationsRepository(db),
    places: new PlacesRepository(db),
    hubSummaries: new HubSummariesRepository(db),
    hubs: new HubsRepository(db),
    hubEditing: new HubEditingRepository(db),
    people: new PeopleRepository(db),
    gazetteer: new GazetteerRepository(db),
    postcodes: new PostcodesRepository(db),
    search: new SearchRepository(db),
    mapData: new MapDataRepository(db),
    terms: new TermsRepository(db),
    dataVersion: new DataVersionRepository(db),
    accounts: new AccountsRepository(db),
    sessions: new SessionsRepository(db),
    emailedLinks: new EmailedLinksRepository(db),
    outbox: new OutboxRepository(db),
    auditLog: new AuditLogRepository(db),
    twoStep: new TwoStepRepository(db),
    consents: new ConsentsRepository(db),
    sharingDrafts: new SharingDraftsRepository(db),
    profiles: new ProfilesRepository(db),
    skillGroups: new SkillGroupsRepository(db),
    expertise: new ExpertiseRepository(db),
    introductions: new IntroductionsRepository(db),
    introductionRequests: new IntroductionRequestsRepository(db),
    claimLinks: new ClaimLinksRepository(db),
    gaps: new GapsRepository(db),
    // Import and export of the directory (issue 12)
    directoryTransfer: new DirectoryTransferRepository(db),
    importUploads: new ImportUploadsRepository(db),
    searchIndex: new SearchIndexRepository(db),
    freshness: new FreshnessRepository(db),
    suggestions: new SuggestionsRepository(db),
    // Reading other directories' Open Referral UK feeds (issue 14)
    openReferralSources: new OpenReferralSourcesRepository(db),
    // The open data API (issue 14): published listings as Open Referral UK reads them
    openReferral: new OpenReferralRepository(db),
  }
}

export type Repositories = ReturnType<typeof buildRepositories>
