import type { Visibility } from '../../db/repositories/peopleRepository'
import { maySeeByName, namedScope, VISITOR, type Viewer } from '../../server/services/viewer'

/** Whether the scope (what SQL applies to a page of people) names the person. */
function scopeNames(viewer: Viewer, person: { visibility: Visibility; hubId: number | null }): boolean {
  const scope = namedScope(viewer)
  return (
    scope.everywhere.includes(person.visibility) ||
    (scope.inHubs.visibilities.includes(person.visibility) &&
      person.hubId !== null &&
      scope.inHubs.hubIds.includes(person.hubId))
  )
}

describe('whom each viewer may see by name, as one page of people is read (privacy rule 2)', () => {
  const viewers: [string, Viewer][] = [
    ['a visitor', VISITOR],
    ['a member of hub 1', { kind: 'member', hubIds: [1] }],
    ['a member of no hub', { kind: 'member', hubIds: [] }],
    ['a peer lead of hubs 1 and 2', { kind: 'hubLead', role: 'peer-lead', hubIds: [1, 2] }],
    ['a coordinator of hub 2', { kind: 'hubLead', role: 'coordinator', hubIds: [2] }],
    ['a coordinator of no hub', { kind: 'hubLead', role: 'coordinator', hubIds: [] }],
    ['an admin', { kind: 'admin' }],
  ]

  it.each(viewers)('names exactly the people maySeeByName names, for %s', (_who, viewer) => {
    let named = 0
    for (const visibility of ['public', 'hub', 'coordinators'] as const)
      for (const hubId of [1, 2, 3, null]) {
        const person = { visibility, hubId }
        expect([visibility, hubId, scopeNames(viewer, person)]).toEqual([
          visibility,
          hubId,
          maySeeByName(viewer, person),
        ])
        if (maySeeByName(viewer, person)) named++
      }
    // Everyone names the public people at least: the check compared something.
    expect(named).toBeGreaterThanOrEqual(4)
  })
})
