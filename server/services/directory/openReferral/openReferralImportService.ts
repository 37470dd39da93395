import { createHash, randomBytes } from 'node:crypto'
import type { Repositories } from '../../../../db/repositories'
import type { GoneListingRow } from '../../../../db/repositories/openReferralSourcesRepository'
import { UnknownTermError } from '../../../../db/repositories/writing'
import type { AuditTrail, RequestOrigin } from '../../accounts/auditTrail'
import { isoSecond } from '../../accounts/times'
import type { Clock } from '../../clock'
import { hubCovers, type Point } from '../../geo'
import type { LocationService } from '../../locationService'
import { insist, mayImportDirectory } from '../../permissions'
import { accountIdOf, type Viewer } from '../../viewer'
import type { ImportReport, ImportUpload } from '../directoryImportService'
import { FeedChecker, type FeedLookups, type PreparedFeedService } from './serviceRecords'

/** Where a feed came from: the key listings remember it by, and its name in words. */
export interface FeedSource {
  /** the feed's base address, or 'file:' and the name the file came under */
  key: string
  label: string
}

/** A checked feed: its report and, when it has no problem, its services ready to write. */
export interface CheckedFeed {
  report: ImportReport
  services: PreparedFeedService[]
}

export type FeedImportOutcome =
  | { kind: 'imported'; added: number; updated: number; gone: number }
  | { kind: 'problems'; upload: ImportUpload }
  | { kind: 'already-imported' }

const DAY_MS = 86_400_000
const BATCH = 1000

/**
 * Reading another directory's Open Referral UK feed (issue 14), through the same steps as a
 * CSV file (DirectoryImportService): a dry run that reports every problem by record and
 * field, possible duplicates by name and postcode, and how many listings are new, updated and
 * gone from the source; then "Import", which writes every service or none in one transaction.
 * Each listing remembers its source and the id the source gave it
 * (OpenReferralSourcesRepository), so importing the same feed again updates it; a service the
 * feed no longer lists is flagged for a coordinator, never deleted.
 */
export class OpenReferralImportService {
  constructor(
    private readonly repositories: Pick<
      Repositories,
      | 'db'
      | 'organisations'
      | 'places'
      | 'services'
      | 'postcodes'
      | 'directoryTransfer'
      | 'importUploads'
      | 'searchIndex'
      | 'openReferralSources'
      | 'suggestions'
    >,
    private readonly location: LocationService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  mayImport(viewer: Viewer): boolean {
    return mayImportDirectory(viewer)
  }

  /** How many published services are gone from the feeds they came from (for those who import). */
  countGone(viewer: Viewer): number {
    insist(this.mayImport(viewer))
    return this.repositories.openReferralSources.countGone()
  }

  /** A page of the published services gone from their feeds, longest gone first, and how many there are. */
  gone(
    viewer: Viewer,
    page: { limit: number; offset: number },
  ): { listings: GoneListingRow[]; total: number } {
    const total = this.countGone(viewer)
    return { listings: total === 0 ? [] : this.repositories.openReferralSources.gone(page), total }
  }

  private today(): string {
    return isoSecond(this.clock.now()).slice(0, 10)
  }

  /** Checks a feed's services (as feedDocuments.servicesInDocument gives them) from a source. */
  check(services: readonly unknown[], source: FeedSource): CheckedFeed {
    const checker = new FeedChecker(this.lookups(source))
    const ready: PreparedFeedService[] = []
    for (const service of services) {
      const prepared = checker.add(service)
      if (prepared) ready.push(prepared)
    }
    checker.finish()
    const { openReferralSources } = this.repositories
    let updatedCount = 0
    if (checker.problemCount === 0)
      for (const service of ready)
        if (openReferralSources.listingFrom(source.key, 'service', service.sourceId)) updatedCount++
    const report: ImportReport = {
      kind: 'open-referral',
      source,
      rowCount: checker.rowCount,
      problems: checker.problems,
      problemCount: checker.problemCount,
      notes: checker.notes,
      noteCount: checker.noteCount,
      duplicates: checker.duplicates,
      duplicateCount: checker.duplicateCount,
      newCount: checker.problemCount === 0 ? ready.length - updatedCount : 0,
      updatedCount,
      goneCount: openReferralSources.countGoneFrom(source.key, checker.sourceIds),
    }
    return { report, services: checker.problemCount === 0 ? ready : [] }
  }

  /**
   * Writes a checked feed's services, all in one transaction or none: new ones added,
   * those from this source's earlier imports updated (keeping the status a coordinator gave
   * them), and the source's services not in the feed flagged as gone.
   */
  write(
    services: readonly PreparedFeedService[],
    source: FeedSource,
  ): { added: number; updated: number; gone: number } {
    const { db, searchIndex, directoryTransfer } = this.repositories
    const published = directoryTransfer.countPublishedServices()
    const big = services.length >= 1000 && services.length * 4 >= published
    return db.transaction(() => {
      const run = () => this.writeAll(services, source)
      return big
        ? searchIndex.whileDeferred(run, { rebuildServiceIndexes: services.length >= published })
        : run()
    })()
  }

  private writeAll(
    services: readonly PreparedFeedService[],
    source: FeedSource,
  ): { added: number; updated: number; gone: number } {
    const {
      organisations,
      places,
      services: serviceRows,
      directoryTransfer,
      openReferralSources,
    } = this.repositories
    const { sourceId, importNumber: seenInImport } = openReferralSources.startImport(
      source.key,
      source.label,
      isoSecond(this.clock.now()),
    )
    const organisationIds = new Map<string, number>()
    const placeIds = new Map<string, number>()
    const hubOf = this.hubFinder()
    let added = 0
    let updated = 0

    const organisationOf = (service: PreparedFeedService, hubIds: number[]): number => {
      const organisation = service.organisation
      const key = organisation.sourceId ?? `name:${organisation.name.toLowerCase()}`
      const known = organisationIds.get(key)
      if (known !== undefined) return known
      const input = {
        name: organisation.name,
        description: organisation.description,
        website: organisation.website,
        email: organisation.email,
        phone: organisation.phone,
        hubIds,
        lastChecked: service.lastChecked,
      }
      const from =
        organisation.sourceId === null
          ? undefined
          : openReferralSources.listingFrom(source.key, 'organisation', organisation.sourceId)
      // One this source made is updated; one already listed under the same name is used as it
      // is (it is someone else's to keep), and is not remembered as this source's.
      let id: number
      let ours = true
      if (from) {
        id = from.listingId
        organisations.update(id, { ...input, status: from.status })
      } else {
        const listed = directoryTransfer.findOrganisationId(organisation.name)
        ours = listed === undefined
        id = listed ?? organisations.insert({ ...input, status: 'published' })
      }
      if (organisation.sourceId !== null && ours)
        openReferralSources.remembered({
          sourceId,
          type: 'organisation',
          sourceRecordId: organisation.sourceId,
          listingId: id,
          seenInImport,
        })
      organisationIds.set(key, id)
      return id
    }

    const placeOf = (service: PreparedFeedService, index: number, organisationId: number): number => {
      const place = service.places[index]
      if (!place) throw new Error('A time is at a place the service does not have')
      const key = place.sourceId ?? `at:${place.postalCode}\n${place.name.toLowerCase()}`
      const known = placeIds.get(key)
      if (known !== undefined) return known
      const input = {
        name: place.name,
        description: place.description,
        address1: place.address1,
        city: place.city,
        postalCode: place.postalCode,
        latitude: place.point.latitude,
        longitude: place.point.longitude,
        hubId: hubOf(place.point),
        organisationId,
        lastChecked: service.lastChecked,
        access: place.access,
      }
      const from =
        place.sourceId === null
          ? undefined
          : openReferralSources.listingFrom(source.key, 'place', place.sourceId)
      let id: number
      let ours = true
      if (from) {
        id = from.listingId
        places.update(id, { ...input, status: from.status })
      } else {
        const listed =
          place.postalCode === '' ? undefined : directoryTransfer.findPlaceId(place.postalCode, place.name)
        ours = listed === undefined
        id = listed ?? places.insert({ ...input, status: 'published' })
      }
      if (place.sourceId !== null && ours)
        openReferralSources.remembered({
          sourceId,
          type: 'place',
          sourceRecordId: place.sourceId,
          listingId: id,
          seenInImport,
        })
      placeIds.set(key, id)
      return id
    }

    for (const service of services) {
      const hubIds = [
        ...new Set(
          service.places.map((place) => hubOf(place.point)).filter((hub): hub is number => hub !== null),
        ),
      ]
      const organisationId = organisationOf(service, hubIds)
      const ids = service.places.map((_place, index) => placeOf(service, index, organisationId))
      const input = {
        organisationId,
        hubId: hubIds[0] ?? null,
        name: service.name,
        description: service.description,
        eligibilityDescription: service.eligibilityDescription,
        applicationProcess: service.applicationProcess,
        isFree: service.isFree,
        costAmountPence: service.costAmountPence,
        costOption: service.costOption,
        costDescription: service.costDescription,
        comesToHome: service.comesToHome,
        byPhone: service.byPhone,
        online: service.online,
        email: service.email,
        phone: service.phone,
        url: service.url,
        lastChecked: service.lastChecked,
        categories: service.categories,
        placeIds: ids,
        schedules: service.schedules.map(({ place, ...schedule }) => ({
          ...schedule,
          placeId: place === null ? null : (ids[place] ?? null),
        })),
      }
      const from = openReferralSources.listingFrom(source.key, 'service', service.sourceId)
      let id: number
      if (from) {
        id = from.listingId
        serviceRows.update(id, { ...input, status: from.status })
        updated++
      } else {
        id = serviceRows.insert({ ...input, status: 'published' })
        added++
      }
      openReferralSources.remembered({
        sourceId,
        type: 'service',
        sourceRecordId: service.sourceId,
        listingId: id,
        seenInImport,
      })
    }
    const gone = openReferralSources.flagGone(sourceId, seenInImport, this.today())
    return { added, updated, gone }
  }

  /** The hub whose area holds a point, or null: a feed from elsewhere belongs to no hub of ours. */
  private hubFinder(): (point: Point) => number | null {
    const { suggestions } = this.repositories
    const found = new Map<string, number | null>()
    return (point) => {
      const key = `${point.latitude},${point.longitude}`
      let hub = found.get(key)
      if (hub === undefined) {
        hub = suggestions.hubsWhoseBoxHolds(point).find((one) => hubCovers(one, point))?.id ?? null
        found.set(key, hub)
      }
      return hub
    }
  }

  private lookups(source: FeedSource): FeedLookups {
    const { directoryTransfer, postcodes, openReferralSources } = this.repositories
    const categories = new Map<string, string>()
    for (const { code, name, synonyms } of directoryTransfer.categoriesWithSynonyms()) {
      for (const synonym of synonyms)
        if (!categories.has(synonym.toLowerCase())) categories.set(synonym.toLowerCase(), code)
      categories.set(name.toLowerCase(), code)
      categories.set(code.toLowerCase(), code)
    }
    const accessFeatures = new Map(directoryTransfer.accessFeatureCodes().map((code) => [code, code]))
    return {
      categories,
      accessFeatures,
      postcodePoint: (postcode) => {
        const found = postcodes.find(postcode)
        return found && { latitude: found.latitude, longitude: found.longitude }
      },
      townPoint: (town) => {
        const found = this.location.resolve(town)
        return found.kind === 'found' && found.precision === 'place' ? found.point : undefined
      },
      existingService: (postcode, name, sourceId) => {
        const existing = directoryTransfer.findServiceAt(postcode, name)
        if (!existing) return undefined
        const ours = openReferralSources.listingFrom(source.key, 'service', sourceId)
        return ours?.listingId === existing.id ? undefined : existing
      },
      today: this.today(),
    }
  }

  /**
   * Checks a feed for a viewer and keeps it, as DirectoryImportService.dryRun keeps a CSV
   * file: its report and, with no problem, its services ready to write, under a random id for
   * this account (its earlier waiting upload goes). Returns the id.
   */
  dryRun(viewer: Viewer, source: FeedSource, services: readonly unknown[], raw: string): string {
    insist(this.mayImport(viewer))
    const accountId = accountIdOf(viewer)
    if (accountId === null) throw new Error('An import needs a signed-in account')
    const { db, importUploads } = this.repositories
    const checked = this.check(services, source)
    const now = this.clock.now()
    const id = randomBytes(16).toString('hex')
    db.transaction(() => {
      importUploads.replace(
        {
          id,
          accountId,
          fileName: source.label.slice(0, 200),
          sha256: createHash('sha256').update(raw).digest('hex'),
          rowCount: checked.report.rowCount,
          report: JSON.stringify(checked.report),
          createdAt: isoSecond(now),
        },
        isoSecond(new Date(now.getTime() - DAY_MS)),
      )
      importUploads.addRows(
        id,
        checked.services.map((service) => ({ row: service.row, data: JSON.stringify(service) })),
      )
    })()
    return id
  }

  /**
   * Imports a kept feed (an upload of this viewer's, as DirectoryImportService.upload finds
   * it): every service its dry run checked, in one transaction, or none. Marking it imported
   * is part of that transaction, so pressing "Import" twice writes it once.
   */
  importUpload(viewer: Viewer, upload: ImportUpload, from: RequestOrigin): FeedImportOutcome {
    insist(this.mayImport(viewer))
    const { db, importUploads } = this.repositories
    const source = upload.report.source
    if (upload.importedAt !== null) return { kind: 'already-imported' }
    if (upload.report.problemCount > 0 || !source) return { kind: 'problems', upload }
    const services: PreparedFeedService[] = []
    for (let after = 0; ;) {
      const batch = importUploads.rowsAfter(upload.id, after, BATCH)
      for (const kept of batch) services.push(JSON.parse(kept.data) as PreparedFeedService)
      after = batch[batch.length - 1]?.row ?? after
      if (batch.length < BATCH) break
    }
    let written: { added: number; updated: number; gone: number }
    try {
      const done = db.transaction(() => {
        if (!importUploads.imported(upload.id, isoSecond(this.clock.now()))) return null
        return this.write(services, source)
      })()
      if (!done) return { kind: 'already-imported' }
      written = done
    } catch (error) {
      if (!(error instanceof UnknownTermError)) throw error
      const problem = {
        row: null,
        column: null,
        message: 'A category has been taken off the list since the feed was checked. Check the feed again',
      }
      return {
        kind: 'problems',
        upload: { ...upload, report: { ...upload.report, problems: [problem], problemCount: 1 } },
      }
    }
    this.audit.record({
      accountId: accountIdOf(viewer),
      action: 'directory-imported',
      recordType: 'import',
      recordId: upload.id,
      from,
      detail: `Open Referral UK from ${source.label}: ${written.added} new, ${written.updated} updated, ${written.gone} gone from the source`,
    })
    void this.dropRowsOf(upload.id).catch(() => undefined)
    return { kind: 'imported', ...written }
  }

  private async dropRowsOf(id: string): Promise<void> {
    while (this.repositories.importUploads.dropSomeRows(id, BATCH) === BATCH)
      await new Promise<void>((resolve) => setImmediate(resolve))
  }
}
