import type { NamedScope, Visibility } from '../../db/repositories/peopleRepository'

/**
 * Who is asking. Services that show people take one and decide, person by person, what that
 * viewer may see (DESIGN.md, "People's privacy: the rules", rule 2). A visitor is anyone not
 * signed in; a signed-in account is a member, a peer lead or coordinator, or an admin
 * (viewerOfAccount, from its role and hubs). `accountId` names the account, so a service can
 * tell a person's own records; viewers built by tests may leave it out.
 */
export type Viewer =
  /** anyone, signed in or not, on a public page */
  | { kind: 'visitor' }
  /** a signed-in member of these hubs */
  | { kind: 'member'; accountId?: number; hubIds: readonly number[] }
  /**
   * a peer lead (a volunteer) or a coordinator of these hubs; a coordinator with allHubs
   * looks after every hub, now and to come
   */
  | {
      kind: 'hubLead'
      accountId?: number
      role: 'peer-lead' | 'coordinator'
      hubIds: readonly number[]
      allHubs?: boolean
    }
  /** looks after accounts, roles and the lists */
  | { kind: 'admin'; accountId?: number }

/** An account as a viewer: what viewerOfAccount needs. */
export interface SignedInAccount {
  id: number
  role: 'member' | 'peer_lead' | 'coordinator' | 'admin'
  allHubs: boolean
  hubIds: readonly number[]
}

/** The viewer a signed-in account is: its role and its hubs, never anything a form sent. */
export function viewerOfAccount(account: SignedInAccount): Viewer {
  switch (account.role) {
    case 'member':
      return { kind: 'member', accountId: account.id, hubIds: account.hubIds }
    case 'peer_lead':
      return { kind: 'hubLead', accountId: account.id, role: 'peer-lead', hubIds: account.hubIds }
    case 'coordinator':
      return account.allHubs
        ? { kind: 'hubLead', accountId: account.id, role: 'coordinator', hubIds: [], allHubs: true }
        : { kind: 'hubLead', accountId: account.id, role: 'coordinator', hubIds: account.hubIds }
    case 'admin':
      return { kind: 'admin', accountId: account.id }
  }
}

/** Staff look after other people's details: they are signed out sooner, and need two-step sign-in. */
export function isStaff(viewer: Viewer): boolean {
  return viewer.kind === 'hubLead' || viewer.kind === 'admin'
}

export const VISITOR: Viewer = Object.freeze({ kind: 'visitor' })

/** The signed-in account behind a viewer, for the audit log's "who"; null for a visitor. */
export function accountIdOf(viewer: Viewer): number | null {
  return viewer.kind === 'visitor' ? null : (viewer.accountId ?? null)
}

/**
 * Rule 2: whether this viewer may see a person by name. Public people are seen by anyone;
 * 'hub' people by members, peer leads and coordinators of their hub; 'coordinators' people
 * only by the peer leads and coordinators of their hub; admins see everyone. Seeing a name is
 * never seeing contact details (rules 4 and 5): those come only through an introduction.
 */
export function maySeeByName(
  viewer: Viewer,
  person: { visibility: Visibility; hubId: number | null },
): boolean {
  if (person.visibility === 'public') return true
  switch (viewer.kind) {
    case 'visitor':
      return false
    case 'admin':
      return true
    case 'member':
      return person.visibility === 'hub' && inHubs(viewer.hubIds, person.hubId)
    case 'hubLead':
      return viewer.allHubs === true || inHubs(viewer.hubIds, person.hubId)
  }
}

const inHubs = (hubIds: readonly number[], hubId: number | null): boolean =>
  hubId !== null && hubIds.includes(hubId)

/**
 * Rule 2 as the repository applies it to a whole page of people at once: whom this viewer may
 * see by name, in any hub and in their own hubs. It names exactly the people maySeeByName
 * names (test/unit/viewer.test.ts checks every case), so a page can be counted and cut in SQL.
 */
export function namedScope(viewer: Viewer): NamedScope {
  const nowhere = { visibilities: [], hubIds: [] }
  switch (viewer.kind) {
    case 'visitor':
      return { everywhere: ['public'], inHubs: nowhere }
    case 'admin':
      return { everywhere: ['public', 'hub', 'coordinators'], inHubs: nowhere }
    case 'member':
      return { everywhere: ['public'], inHubs: { visibilities: ['hub'], hubIds: viewer.hubIds } }
    case 'hubLead':
      if (viewer.allHubs) return { everywhere: ['public', 'hub', 'coordinators'], inHubs: nowhere }
      return {
        everywhere: ['public'],
        inHubs: { visibilities: ['hub', 'coordinators'], hubIds: viewer.hubIds },
      }
  }
}
