/**
 * OnBehalfService (issue 11): a peer lead registers someone on their behalf only in their own
 * hub, and sees, checks, downloads and deletes only the people of their own hubs; consent is
 * recorded with how it was given, the helper's name, who recorded it and when to check it again;
 * a claim link works once, only until it expires, and not for an account with a profile.
 */
import { aHub, aPerson } from '../../builders'
import { aDatabase } from '../../support/testApp'
import { aMovableClock } from '../../support/accounts'
import { buildServices } from '../../../server/services'
import { testConfig } from '../../../server/config'
import { NotAllowedError } from '../../../server/services/permissions'
import type { Viewer } from '../../../server/services/viewer'
import type { SharingAnswers } from '../../../server/services/sharing/contract'
import { monthsOn } from '../../../server/services/coordinate/onBehalfService'
import { AccountsRepository } from '../../../db/repositories/accountsRepository'
import { importDemoPostcodesIfEmpty } from '../../../db/demoPostcodes'

const DAY_MS = 86_400_000

describe('OnBehalfService', () => {
  const db = aDatabase()
  const clock = aMovableClock('2026-12-01T10:00:00Z')
  const services = buildServices(db, testConfig(), clock)
  const { onBehalf, coordinator } = services
  const accounts = new AccountsRepository(db)
  const newAccount = (email: string, role: 'member' | 'peer_lead' = 'member') =>
    accounts.create({
      email,
      displayName: email.split('@')[0] as string,
      passwordHash: 'x',
      role,
      at: '2026-11-01T10:00:00Z',
    })
  const thanet = aHub(db, { slug: 'thanet-ob', name: 'Thanet OB' })
  const sheffield = aHub(db, {
    slug: 'sheffield-ob',
    name: 'Sheffield OB',
    latitude: 53.38,
    longitude: -1.47,
  })
  const leadId = newAccount('lead-a@example.org', 'peer_lead')
  const leadOfThanet: Viewer = { kind: 'hubLead', accountId: leadId, role: 'peer-lead', hubIds: [thanet] }
  const leadOfSheffield: Viewer = {
    kind: 'hubLead',
    accountId: leadId,
    role: 'peer-lead',
    hubIds: [sheffield],
  }
  const member: Viewer = { kind: 'member', accountId: 99, hubIds: [thanet] }
  const sheffieldPerson = aPerson(db, { firstName: 'Christine', lastName: 'Bagshaw', hubId: sheffield })
  const origin = { ip: null }

  const answers = (hubSlug: string): SharingAnswers => ({
    firstName: 'Farida',
    lastName: 'Khan',
    postcodeDistrict: 'CT11',
    placeLabel: 'Ramsgate',
    hubSlug,
    skills: [],
    skillsInOwnWords: 'Knitting and mending',
    wouldLikeToShare: 'Teaching a knitting group',
    howOften: 'few-hours-month',
    availability: 'Tuesday afternoons',
    contactWays: ['through-hub', 'phone'],
    phone: '07700 900999',
    visibility: 'coordinators',
  })
  const byHelper = { method: 'helper', helperName: 'Amira Khan (her daughter)', checkAgainOn: '2027-12-01' }

  const auditOf = (action: string, personId: number) =>
    db
      .prepare(
        'SELECT account_id AS accountId, reason, detail FROM audit_log WHERE action = ? AND record_id = ?',
      )
      .all(action, String(personId)) as { accountId: number; reason: string | null; detail: string | null }[]

  beforeAll(async () => {
    await importDemoPostcodesIfEmpty(db)
  })

  it('offers a check-again day a year on, the last day of a short month when there is no such day', () => {
    expect(onBehalf.defaultCheckAgainOn()).toBe('2027-12-01')
    expect(monthsOn('2027-01-31', 1)).toBe('2027-02-28')
    expect(monthsOn('2028-02-29', 12)).toBe('2029-02-28')
  })

  it('registers someone in the peer lead’s own hub with how they agreed, through whom, who recorded it and when to check again, in one audited write', () => {
    const result = onBehalf.register(leadOfThanet, answers('thanet-ob'), byHelper, origin)
    expect(result.kind).toBe('registered')
    if (result.kind !== 'registered') return
    const person = db
      .prepare(
        'SELECT account_id AS accountId, hub_id AS hubId, email, consent_id AS consentId FROM people WHERE id = ?',
      )
      .get(result.personId) as {
      accountId: number | null
      hubId: number
      email: string | null
      consentId: number
    }
    expect(person).toEqual({ accountId: null, hubId: thanet, email: null, consentId: expect.any(Number) })
    expect(onBehalf.consentOf(leadOfThanet, result.personId)).toMatchObject({
      method: 'helper',
      helperName: 'Amira Khan (her daughter)',
      recordedBy: 'lead-a',
      checkAgainOn: '2027-12-01',
      due: false,
    })
    expect(auditOf('registered-on-behalf', result.personId)).toEqual([
      expect.objectContaining({ accountId: leadId }),
    ])
    // Shown to the coordinators of the hub, as their visibility allows.
    expect(coordinator.person(leadOfThanet, result.personId)?.displayName).toBe('Farida K.')
  })

  it('refuses a peer lead of hub A registering into hub B, and a member registering at all, writing nothing', () => {
    const before = (db.prepare('SELECT COUNT(*) AS n FROM people').get() as { n: number }).n
    expect(() => onBehalf.register(leadOfThanet, answers('sheffield-ob'), byHelper, origin)).toThrow(
      NotAllowedError,
    )
    expect(() => onBehalf.register(member, answers('thanet-ob'), byHelper, origin)).toThrow(NotAllowedError)
    expect((db.prepare('SELECT COUNT(*) AS n FROM people').get() as { n: number }).n).toBe(before)
  })

  it('asks for the helper’s name, and a check-again day in the future', () => {
    const result = onBehalf.register(
      leadOfThanet,
      answers('thanet-ob'),
      { method: 'helper', helperName: ' ', checkAgainOn: '2026-12-01' },
      origin,
    )
    expect(result).toEqual({
      kind: 'problems',
      problems: [
        { field: 'helperName', message: 'Enter the name of the family member or helper' },
        { field: 'checkAgainOn', message: 'The date to check again must be in the future' },
      ],
    })
  })

  it('refuses contact details in their own words, as Share your skills does', () => {
    const result = onBehalf.register(
      leadOfThanet,
      { ...answers('thanet-ob'), skillsInOwnWords: 'Ring me on 07700 900123' },
      { method: 'phone', helperName: '', checkAgainOn: '2027-06-01' },
      origin,
    )
    expect(result.kind).toBe('problems')
    if (result.kind === 'problems')
      expect(result.problems.map((problem) => problem.field)).toEqual(['skillsInOwnWords'])
  })

  it('lets a peer lead of hub A neither see, check, download nor delete the people of hub B', () => {
    expect(() => onBehalf.person(leadOfThanet, sheffieldPerson)).toThrow(NotAllowedError)
    expect(() => onBehalf.consentOf(leadOfThanet, sheffieldPerson)).toThrow(NotAllowedError)
    expect(() => onBehalf.recordConsentChecked(leadOfThanet, sheffieldPerson, '2027-06-01', origin)).toThrow(
      NotAllowedError,
    )
    expect(() => onBehalf.createClaimLink(leadOfThanet, sheffieldPerson, 'c@example.com', origin)).toThrow(
      NotAllowedError,
    )
    expect(() => onBehalf.download(leadOfThanet, sheffieldPerson, origin)).toThrow(NotAllowedError)
    expect(() => onBehalf.delete(leadOfThanet, sheffieldPerson, 'She asked', origin)).toThrow(NotAllowedError)
    expect(db.prepare('SELECT id FROM people WHERE id = ?').get(sheffieldPerson)).toBeDefined()
    expect(auditOf('data-downloaded-on-behalf', sheffieldPerson)).toEqual([])
    // Their own peer lead may.
    expect(onBehalf.person(leadOfSheffield, sheffieldPerson)?.displayName).toBe('Christine B.')
  })

  it('lists consents due to be checked again on the coordinator home, and not once checked', () => {
    const registered = onBehalf.register(
      leadOfThanet,
      { ...answers('thanet-ob'), firstName: 'Doris' },
      { method: 'phone', helperName: '', checkAgainOn: '2026-12-03' },
      origin,
    )
    if (registered.kind !== 'registered') throw new Error('not registered')
    const dueIn = () => {
      const home = coordinator.home(leadOfThanet, coordinator.hubsLookedAfter(leadOfThanet), 1)
      return home.hubs.find((row) => row.hub.id === thanet)?.consentsDue
    }
    expect(dueIn()?.count).toBe(0)
    clock.advance(3 * DAY_MS)
    expect(dueIn()).toEqual({
      count: 1,
      firstFew: [{ personId: registered.personId, displayName: 'Doris K.', checkAgainOn: '2026-12-03' }],
    })
    expect(onBehalf.consentOf(leadOfThanet, registered.personId)?.due).toBe(true)
    expect(onBehalf.recordConsentChecked(leadOfThanet, registered.personId, '2026-12-01', origin).kind).toBe(
      'problems',
    )
    expect(onBehalf.recordConsentChecked(leadOfThanet, registered.personId, '2027-12-04', origin)).toEqual({
      kind: 'checked',
    })
    expect(dueIn()?.count).toBe(0)
    expect(onBehalf.consentOf(leadOfThanet, registered.personId)).toMatchObject({
      checkAgainOn: '2027-12-04',
      checkedBy: 'lead-a',
      due: false,
    })
    expect(auditOf('consent-checked', registered.personId)).toHaveLength(1)
  })

  it('finds due consents through consents_due, a person at a time by their id, never reading every person of a hub', () => {
    const detail = (
      db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT p.hub_id FROM consents c
             CROSS JOIN people p ON p.id = c.person_id AND p.consent_id = c.id
            WHERE c.check_again_on IS NOT NULL AND c.withdrawn_at IS NULL AND c.check_again_on <= ?
              AND p.hub_id IN (SELECT value FROM json_each(?))`,
        )
        .all('2026-12-01', '[1]') as { detail: string }[]
    )
      .map((row) => row.detail)
      .join('; ')
    expect(detail).toContain('SEARCH c USING INDEX consents_due')
    expect(detail).toContain('SEARCH p USING INTEGER PRIMARY KEY')
    expect(detail).not.toMatch(/SCAN (c|p)\b/)
  })

  it('makes a claim link that works once, for one account without a profile, until it expires', () => {
    const registered = onBehalf.register(
      leadOfThanet,
      { ...answers('thanet-ob'), firstName: 'Edna' },
      { method: 'paper', helperName: '', checkAgainOn: '2028-01-01' },
      origin,
    )
    if (registered.kind !== 'registered') throw new Error('not registered')
    const made = onBehalf.createClaimLink(leadOfThanet, registered.personId, 'edna@example.com', origin)
    if (made.kind !== 'created') throw new Error('no link')
    expect(onBehalf.claimLink(made.token)).toMatchObject({ kind: 'valid', displayName: 'Edna K.' })

    // An account that has a profile already is told so, and the link still works.
    const withProfile = newAccount('has-profile@example.com')
    aPerson(db, { hubId: thanet, accountId: withProfile })
    expect(onBehalf.claim(made.token, withProfile, origin)).toEqual({ kind: 'has-profile' })

    const edna = newAccount('edna@example.com')
    expect(onBehalf.claim(made.token, edna, origin)).toEqual({
      kind: 'claimed',
      personId: registered.personId,
    })
    expect(services.profiles.profileOf(edna)?.personId).toBe(registered.personId)
    expect(accounts.hubIdsOf(edna)).toContain(thanet)
    // Used up.
    expect(onBehalf.claim(made.token, newAccount('someone@example.com'), origin)).toEqual({ kind: 'invalid' })
    expect(onBehalf.claimLink(made.token)).toEqual({ kind: 'invalid' })
    expect(auditOf('profile-claimed', registered.personId)).toEqual([
      expect.objectContaining({ accountId: edna }),
    ])
    // Now they have an account: no more links.
    expect(onBehalf.createClaimLink(leadOfThanet, registered.personId, 'edna@example.com', origin)).toEqual({
      kind: 'has-account',
    })

    const other = onBehalf.register(
      leadOfThanet,
      { ...answers('thanet-ob'), firstName: 'Ivy' },
      { method: 'in-person', helperName: '', checkAgainOn: '2028-01-01' },
      origin,
    )
    if (other.kind !== 'registered') throw new Error('not registered')
    const late = onBehalf.createClaimLink(leadOfThanet, other.personId, 'ivy@example.com', origin)
    if (late.kind !== 'created') throw new Error('no link')
    clock.advance(15 * DAY_MS)
    expect(onBehalf.claim(late.token, newAccount('ivy@example.com'), origin)).toEqual({ kind: 'invalid' })
  })

  it('downloads and deletes a person’s data on their behalf, each request audited with who and why', () => {
    const registered = onBehalf.register(
      leadOfThanet,
      { ...answers('thanet-ob'), firstName: 'Gladys' },
      { method: 'phone', helperName: '', checkAgainOn: '2029-01-01' },
      origin,
    )
    if (registered.kind !== 'registered') throw new Error('not registered')
    const data = onBehalf.download(leadOfThanet, registered.personId, origin) as Record<string, unknown>
    expect(data.profile).toMatchObject({ firstName: 'Gladys', phone: '07700 900999' })
    expect(data.consents).toEqual([expect.objectContaining({ method: 'phone', checkAgainOn: '2029-01-01' })])
    expect(auditOf('data-downloaded-on-behalf', registered.personId)).toEqual([
      expect.objectContaining({ accountId: leadId }),
    ])

    expect(onBehalf.delete(leadOfThanet, registered.personId, '  ', origin).kind).toBe('problems')
    expect(onBehalf.delete(leadOfThanet, registered.personId, 'She rang and asked', origin)).toEqual({
      kind: 'deleted',
    })
    expect(db.prepare('SELECT id FROM people WHERE id = ?').get(registered.personId)).toBeUndefined()
    expect(db.prepare('SELECT id FROM consents WHERE person_id = ?').all(registered.personId)).toEqual([])
    expect(auditOf('data-deleted-on-behalf', registered.personId)).toEqual([
      expect.objectContaining({ accountId: leadId, reason: 'She rang and asked' }),
    ])
  })
})
