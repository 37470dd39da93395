/**
 * Who may do what, record by record: a peer lead has a coordinator's rights in their own hubs
 * only, a coordinator of all hubs may act in any hub, a member in none; only admins look after
 * accounts, and never disable themselves.
 */
import type { AccountRow } from '../../db/repositories/accountsRepository'
import { AccountsRepository } from '../../db/repositories/accountsRepository'
import { AuditLogRepository } from '../../db/repositories/auditLogRepository'
import { SessionsRepository } from '../../db/repositories/sessionsRepository'
import { AuditTrail } from '../../server/services/accounts/auditTrail'
import { AccountAdminService } from '../../server/services/admin/accountAdminService'
import { fixedClock } from '../../server/services/clock'
import { NotAllowedError, mayAdministerAccounts, mayCoordinateHub } from '../../server/services/permissions'
import { type Viewer, viewerOfAccount } from '../../server/services/viewer'
import { aDatabase } from '../support/testApp'

const HUB_A = 1
const HUB_B = 2

const peerLeadOfA = viewerOfAccount({ id: 10, role: 'peer_lead', allHubs: false, hubIds: [HUB_A] })
const coordinatorOfB = viewerOfAccount({ id: 11, role: 'coordinator', allHubs: false, hubIds: [HUB_B] })
const coordinatorOfAll = viewerOfAccount({ id: 12, role: 'coordinator', allHubs: true, hubIds: [] })
const memberOfA = viewerOfAccount({ id: 13, role: 'member', allHubs: false, hubIds: [HUB_A] })
const admin = viewerOfAccount({ id: 14, role: 'admin', allHubs: false, hubIds: [] })
const visitor: Viewer = { kind: 'visitor' }

describe('who may look after a hub', () => {
  it('a peer lead of hub A may act in hub A, and not in hub B', () => {
    expect(mayCoordinateHub(peerLeadOfA, HUB_A)).toBe(true)
    expect(mayCoordinateHub(peerLeadOfA, HUB_B)).toBe(false)
  })

  it('a coordinator of hub B may act in hub B only', () => {
    expect(mayCoordinateHub(coordinatorOfB, HUB_B)).toBe(true)
    expect(mayCoordinateHub(coordinatorOfB, HUB_A)).toBe(false)
  })

  it('a coordinator of all hubs may act in any hub, even one made later', () => {
    expect(mayCoordinateHub(coordinatorOfAll, HUB_A)).toBe(true)
    expect(mayCoordinateHub(coordinatorOfAll, HUB_B)).toBe(true)
    expect(mayCoordinateHub(coordinatorOfAll, 9999)).toBe(true)
  })

  it('a member never may, not even in their own hub; nor may a visitor', () => {
    expect(mayCoordinateHub(memberOfA, HUB_A)).toBe(false)
    expect(mayCoordinateHub(visitor, HUB_A)).toBe(false)
  })

  it('an admin may', () => {
    expect(mayCoordinateHub(admin, HUB_B)).toBe(true)
  })
})

describe('who may look after accounts', () => {
  const db = aDatabase()
  const accounts = new AccountsRepository(db)
  const clock = fixedClock('2026-12-01T10:00:00Z')
  const service = new AccountAdminService(
    accounts,
    new SessionsRepository(db),
    new AuditLogRepository(db),
    { findHub: () => undefined, hubsNamed: () => [], hubsFor: () => [] },
    new AuditTrail(new AuditLogRepository(db), clock),
    clock,
  )
  const at = '2026-11-01T10:00:00Z'
  const adminId = accounts.create({
    email: 'ada@example.org',
    displayName: 'Ada',
    passwordHash: null,
    role: 'admin',
    at,
  })
  const memberId = accounts.create({ email: 'mo@example.org', displayName: 'Mo', passwordHash: null, at })
  const adminViewer: Viewer = { kind: 'admin', accountId: adminId }
  const member = accounts.find(memberId) as AccountRow
  const self = accounts.find(adminId) as AccountRow

  it('only an admin may use the admin pages', () => {
    expect(mayAdministerAccounts(admin)).toBe(true)
    for (const viewer of [peerLeadOfA, coordinatorOfB, coordinatorOfAll, memberOfA, visitor]) {
      expect(mayAdministerAccounts(viewer)).toBe(false)
      expect(service.mayChangeRole(viewer, member)).toBe(false)
      expect(service.mayDisable(viewer, member)).toBe(false)
    }
  })

  it('an admin may change a role and disable another account, but not disable their own', () => {
    expect(service.mayChangeRole(adminViewer, member)).toBe(true)
    expect(service.mayDisable(adminViewer, member)).toBe(true)
    expect(service.mayDisable(adminViewer, self)).toBe(false)
  })

  it('a coordinator of all hubs asking to list or change accounts is refused, and nothing changes', () => {
    expect(() => service.list(coordinatorOfAll, { text: null, role: null, page: 1 })).toThrow(NotAllowedError)
    expect(() =>
      service.changeRole(
        coordinatorOfAll,
        memberId,
        { role: 'admin', allHubs: false, hubSlugs: [] },
        'I want it',
        { ip: null },
      ),
    ).toThrow(NotAllowedError)
    expect(() => service.disable(peerLeadOfA, memberId, 'Because', { ip: null })).toThrow(NotAllowedError)
    expect(accounts.find(memberId)).toMatchObject({ role: 'member', disabledAt: null })
  })

  it('an admin cannot take away their own admin role, or disable themselves', () => {
    expect(
      service.changeRole(
        adminViewer,
        adminId,
        { role: 'member', allHubs: false, hubSlugs: [] },
        'Tidying up',
        {
          ip: null,
        },
      ),
    ).toEqual({ kind: 'own-admin-role' })
    expect(service.disable(adminViewer, adminId, 'Leaving', { ip: null })).toBe('self')
    expect(accounts.find(adminId)).toMatchObject({ role: 'admin', disabledAt: null })
  })
})
