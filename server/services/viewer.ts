import type { NamedScope, Visibility } from '../../db/repositories/peopleRepository'

/**
 * Who is asking. Services that show people take one and decide, person by person, what that
 * viewer may see (DESIGN.md, "People's privacy: the rules", rule 2). Today every page is seen
 * by a visitor; members, peer leads, coordinators and admins arrive with accounts.
 */
export type Viewer =
  /** anyone, signed in or not, on a public page */
  | { kind: 'visitor' }
  /** a signed-in member of these hubs */
  | { kind: 'member'; hubIds: readonly number[] }
  /** a peer lead (a volunteer) or a coordinator of these hubs */
  | { kind: 'hubLead'; role: 'peer-lead' | 'coordinator'; hubIds: readonly number[] }
  /** looks after accounts, roles and the lists */
  | { kind: 'admin' }

export const VISITOR: Viewer = Object.freeze({ kind: 'visitor' })

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
      return inHubs(viewer.hubIds, person.hubId)
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
      return {
        everywhere: ['public'],
        inHubs: { visibilities: ['hub', 'coordinators'], hubIds: viewer.hubIds },
      }
  }
}
