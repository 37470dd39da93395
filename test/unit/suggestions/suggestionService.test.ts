/**
 * SuggestionService (issue 12): only the fields a person changed are kept; a suggestion is
 * reviewed only by those who look after its hub (a peer lead of another hub may not); and
 * approving writes the listing, its history and the decision in one transaction, moving the
 * data version so every answer cache starts again.
 */
import { importDemoPostcodesIfEmpty } from '../../../db/demoPostcodes'
import { testConfig } from '../../../server/config'
import { buildServices } from '../../../server/services'
import { NotAllowedError } from '../../../server/services/permissions'
import { changedFields, FIELDS_OF } from '../../../server/services/suggestions/fields'
import type { Viewer } from '../../../server/services/viewer'
import { aDemoDatabase } from '../../support/testApp'
import { anOrganisation, aPlace, aService, writers } from '../../builders'

describe('which fields a suggestion keeps', () => {
  it('keeps only the fields that differ, ignoring spacing, the order of days and a postcode’s case', () => {
    const now = { name: 'Lunch club', days: 'TU,TH', postcode: 'CT9 1AA', phone: '01843 111111' }
    expect(
      changedFields(FIELDS_OF.service, now, { name: ' Lunch  club ', days: 'TH,TU', phone: '01843 222222' }),
    ).toEqual({ phone: '01843 222222' })
    expect(
      changedFields(FIELDS_OF.place, { ...now, address: '' }, { postcode: 'ct9 1aa', address: '1 High St' }),
    ).toEqual({
      address: '1 High St',
    })
  })

  it('leaves out fields the kind of listing does not have, and fields not sent', () => {
    expect(changedFields(FIELDS_OF.place, {}, { phone: '01843 222222' })).toEqual({})
    expect(changedFields(FIELDS_OF.service, { name: 'Lunch club' }, {})).toEqual({})
  })

  it('keeps times in words one time a line, tidied, and sees a timetable typed back unchanged as no change', () => {
    const now = { times: 'The first Tuesday of the month, 10am to 12 noon\nEvery Friday, 2pm to 4pm' }
    const fields = ['times'] as const
    expect(
      changedFields(fields, now, {
        times: ' The first Tuesday of the month, 10am to 12 noon \r\n\r\nEvery  Friday, 2pm to 4pm',
      }),
    ).toEqual({})
    expect(
      changedFields(fields, now, {
        times: 'The first Tuesday of the month, 10am to 12 noon\r\n  Every Friday, 1pm to 3pm ',
      }),
    ).toEqual({
      times: 'The first Tuesday of the month, 10am to 12 noon\nEvery Friday, 1pm to 3pm',
    })
  })
})

describe('SuggestionService', () => {
  const db = aDemoDatabase()
  const services = buildServices(db, testConfig())
  const { suggestions } = services
  const hubId = (slug: string) =>
    (db.prepare('SELECT id FROM hubs WHERE slug = ?').get(slug) as { id: number }).id
  const thanet = hubId('thanet')
  const sheffield = hubId('sheffield')
  const thanetLead: Viewer = { kind: 'hubLead', role: 'peer-lead', hubIds: [thanet] }
  const sheffieldLead: Viewer = { kind: 'hubLead', role: 'peer-lead', hubIds: [sheffield] }
  const member: Viewer = { kind: 'member', accountId: 1, hubIds: [thanet] }
  const clubId = (
    db.prepare(`SELECT id FROM services WHERE name = 'Cliftonville lunch club'`).get() as { id: number }
  ).id
  const nameOf = (id: number) =>
    (db.prepare('SELECT name FROM services WHERE id = ?').get(id) as { name: string }).name
  const historyCount = () =>
    (db.prepare('SELECT COUNT(*) AS n FROM listing_history').get() as { n: number }).n
  const suggest = (name: string) => {
    const outcome = suggestions.suggestChange(member, { type: 'service', id: clubId }, { name }, '', null)
    if (outcome.kind !== 'saved') throw new Error('not saved')
    return outcome.id
  }

  beforeAll(async () => {
    await importDemoPostcodesIfEmpty(db)
  })

  it('puts a change in the queue of the listing’s hub, for its reviewers only', () => {
    const id = suggest('Cliftonville Lunch')
    expect(
      suggestions.queue(thanetLead, { everyHub: false, hubIds: [thanet] }, 1).rows.map((s) => s.id),
    ).toContain(id)
    expect(
      suggestions.queue(sheffieldLead, { everyHub: false, hubIds: [sheffield] }, 1).rows.map((s) => s.id),
    ).not.toContain(id)
    // A Sheffield lead naming Thanet's hub still sees none of it: the service checks each hub.
    expect(suggestions.queue(sheffieldLead, { everyHub: false, hubIds: [thanet] }, 1).total).toBe(0)
    expect(suggestions.forReview(thanetLead, id)?.suggestion.proposed).toEqual({ name: 'Cliftonville Lunch' })
    expect(() => suggestions.forReview(sheffieldLead, id)).toThrow(NotAllowedError)
    expect(() => suggestions.forReview(member, id)).toThrow(NotAllowedError)
    expect(() => suggestions.forReview({ kind: 'visitor' }, id)).toThrow(NotAllowedError)
    expect(suggestions.waitingIn(sheffieldLead, [thanet])).toEqual([])
    expect(suggestions.waitingIn(thanetLead, [thanet])[0]?.count).toBeGreaterThanOrEqual(1)
  })

  it('refuses a peer lead of another hub who tries to approve or reject, and changes nothing', async () => {
    const id = suggest('Not from Sheffield')
    await expect(
      suggestions.approve(sheffieldLead, id, { name: 'Not from Sheffield' }, { ip: null }),
    ).rejects.toThrow(NotAllowedError)
    await expect(suggestions.reject(sheffieldLead, id, 'No', { ip: null })).rejects.toThrow(NotAllowedError)
    expect(suggestions.forReview(thanetLead, id)?.suggestion.status).toBe('pending')
  })

  it('asks a visitor for an email address to reply to', () => {
    expect(() =>
      suggestions.suggestChange(
        { kind: 'visitor' },
        { type: 'service', id: clubId },
        { name: 'X' },
        '',
        null,
      ),
    ).toThrow(NotAllowedError)
  })

  it('approves with the reviewer’s edit: the listing, its history and the decision, and the data version moves', async () => {
    const id = suggest('Cliftonville Lunch Club')
    const version = services.repositories.dataVersion.current()
    const before = historyCount()
    expect(
      await suggestions.approve(thanetLead, id, { name: 'Cliftonville Lunch Club (edited)' }, { ip: null }),
    ).toEqual({
      kind: 'done',
    })
    expect(nameOf(clubId)).toBe('Cliftonville Lunch Club (edited)')
    expect(historyCount()).toBe(before + 1)
    expect(suggestions.history('service', clubId)[0]).toMatchObject({ field: 'name', changedByRole: null })
    expect(suggestions.forReview(thanetLead, id)?.suggestion.status).toBe('approved')
    expect(services.repositories.dataVersion.current()).toBeGreaterThan(version)
    // Decided once only.
    expect(await suggestions.approve(thanetLead, id, { name: 'Again' }, { ip: null })).toEqual({
      kind: 'decided-already',
    })
    expect(nameOf(clubId)).toBe('Cliftonville Lunch Club (edited)')
  })

  it('keeps nothing when any part of approving fails: the listing stays as it was and the suggestion waits', async () => {
    const id = suggest('Half written')
    const was = nameOf(clubId)
    const before = historyCount()
    const recordHistory = jest
      .spyOn(services.repositories.suggestions, 'recordHistory')
      .mockImplementation(() => {
        throw new Error('the disk is full')
      })
    await expect(suggestions.approve(thanetLead, id, { name: 'Half written' }, { ip: null })).rejects.toThrow(
      'the disk is full',
    )
    recordHistory.mockRestore()
    expect(nameOf(clubId)).toBe(was)
    expect(historyCount()).toBe(before)
    expect(suggestions.forReview(thanetLead, id)?.suggestion.status).toBe('pending')
  })

  it('never flattens a timetable that became more than one weekly pattern after days and hours were suggested', async () => {
    const hall = aPlace(db, { hubId: thanet })
    const group = {
      organisationId: anOrganisation(db),
      hubId: thanet,
      name: 'Garlinge coffee morning',
      isFree: true,
      status: 'published' as const,
      placeIds: [hall],
    }
    const id = aService(db, { ...group, schedules: [{ byday: 'TU', placeId: hall }] })
    const sent = suggestions.suggestChange(
      member,
      { type: 'service', id },
      { name: group.name, days: 'MO' },
      '',
      null,
    )
    if (sent.kind !== 'saved') throw new Error('not saved')
    // Meanwhile it gains a monthly afternoon session.
    const tuesdays = { byday: 'TU' as const, opensAt: '10:00', closesAt: '12:00', placeId: hall }
    const monthly = {
      ...tuesdays,
      freq: 'MONTHLY' as const,
      weekOfMonth: 1,
      opensAt: '14:00',
      closesAt: '16:00',
    }
    writers(db).services.update(id, { ...group, schedules: [tuesdays, monthly] })
    const timesNow = () =>
      db.prepare('SELECT byday, freq, opens_at FROM schedules WHERE service_id = ? ORDER BY id').all(id)
    const before = timesNow()
    expect(suggestions.forReview(thanetLead, sent.id)?.fields).not.toContain('days')
    expect(
      await suggestions.approve(
        thanetLead,
        sent.id,
        { name: group.name, days: 'MO', opensAt: '09:00' },
        { ip: null },
      ),
    ).toEqual({ kind: 'done' })
    expect(timesNow()).toEqual(before)
    expect(timesNow()).toHaveLength(2)
  })
})
