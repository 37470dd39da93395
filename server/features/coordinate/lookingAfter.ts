import type { RequestHandler } from 'express'
import type { Services } from '../../services'
import type { HubsLookedAfter } from '../../services/coordinate/coordinatorService'

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** on /coordinate pages: the hubs the signed-in viewer looks after, loaded once per request */
      lookingAfter?: HubsLookedAfter
    }
  }
}

/**
 * Loads the hubs the viewer looks after, once per request, for every /coordinate page (after
 * requireSignedIn has loaded the viewer). Someone who looks after no hub (a member) is refused
 * by the service, which the router shows as the 403 page.
 */
export function loadLookingAfter(services: Pick<Services, 'coordinator'>): RequestHandler {
  return (req, _res, next) => {
    req.lookingAfter = services.coordinator.hubsLookedAfter(req.viewer)
    next()
  }
}

/** The hubs loaded by loadLookingAfter (it runs before every handler that asks). */
export function lookingAfterOf(req: Express.Request): HubsLookedAfter {
  if (!req.lookingAfter) throw new Error('loadLookingAfter must run first')
  return req.lookingAfter
}
