import type { Viewer } from './viewer'

/**
 * Who may do what, decided per record for the viewer a service is given (DESIGN.md, "Who
 * uses it"). Services call these; routes only check that someone is signed in. A refusal is
 * a NotAllowedError, which the routes show as the 403 page.
 */

/** This viewer may not do this to this record. Services throw it; routes turn it into the 403 page. */
export class NotAllowedError extends Error {
  constructor(message = 'Not allowed') {
    super(message)
    this.name = 'NotAllowedError'
  }
}

/**
 * Whether this viewer may look after this hub with a coordinator's rights: a coordinator of
 * it (or of every hub), a peer lead of it (a peer lead has a coordinator's rights inside
 * their own hubs only), or an admin. Members and visitors never may.
 */
export function mayCoordinateHub(viewer: Viewer, hubId: number): boolean {
  switch (viewer.kind) {
    case 'visitor':
    case 'member':
      return false
    case 'admin':
      return true
    case 'hubLead':
      return viewer.allHubs === true || viewer.hubIds.includes(hubId)
  }
}

/** Whether this viewer may see and change accounts, roles and the audit log: admins only. */
export function mayAdministerAccounts(viewer: Viewer): boolean {
  return viewer.kind === 'admin'
}

/** Throws NotAllowedError unless the rule allows it. */
export function insist(allowed: boolean): void {
  if (!allowed) throw new NotAllowedError()
}

/**
 * Whether this viewer may import listings into the directory (issue 12): an admin, or a
 * coordinator of every hub. A peer lead or a coordinator of some hubs may not: an import can
 * add listings anywhere.
 */
export function mayImportDirectory(viewer: Viewer): boolean {
  return looksAfterEveryHub(viewer)
}

/** Whether this viewer may make and change hubs (issue 12): admins, and coordinators of all hubs. */
export function mayEditHubs(viewer: Viewer): boolean {
  return looksAfterEveryHub(viewer)
}

/** An admin, or a coordinator of every hub: the work that reaches across the whole directory. */
function looksAfterEveryHub(viewer: Viewer): boolean {
  return (
    viewer.kind === 'admin' ||
    (viewer.kind === 'hubLead' && viewer.role === 'coordinator' && viewer.allHubs === true)
  )
}
