import { Router } from 'express'
import { addresses, paths } from '../addresses'
import { methodNotAllowed } from '../middleware/methodNotAllowed'
import { presentPeopleFilters } from '../presenters/peopleFilters'
import { presentFoundHubs, presentPeoplePage } from '../presenters/peopleSharing'
import type { Services } from '../services'
import type { HubSearch } from '../services/peopleService'
import { FIND_MESSAGE, HUB_MESSAGE, parsePeopleFilters, SKILL_MESSAGE } from '../validation/peopleFilters'

/**
 * /people: people who share their skills, a page at a time: a page of hubs (each with its
 * first few people), or one hub's people. A hub is chosen by typing its name or a town
 * ("Hub name or town"), never from a list of every hub.
 */
export function peopleRouter({ people }: Services): Router {
  const router = Router()

  router
    .route(paths.people)
    .get((req, res) => {
      const { filters, errors } = parsePeopleFilters(req.query)
      // A well-formed choice that is not on the list is the same mistake as a malformed one.
      let hub = filters.hub === null ? undefined : people.findHub(filters.hub)
      if (filters.hub !== null && hub === undefined) errors.push({ field: 'find', message: HUB_MESSAGE })
      const skill = filters.skill === null ? undefined : people.findSkill(filters.skill)
      if (filters.skill !== null && !skill) errors.push({ field: 'skill', message: SKILL_MESSAGE })

      let found: HubSearch | null = null
      if (hub === undefined && filters.hub === null && filters.find !== null) {
        found = people.findHubs(filters.find)
        if (found.kind === 'hub') hub = people.findHub(found.hub.slug)
        else if (found.kind === 'none') errors.push({ field: 'find', message: FIND_MESSAGE })
      }

      const skillCode = skill?.code ?? null
      const foundHubs = found ? presentFoundHubs(found, skillCode) : null
      // A list of hubs to choose from is the whole answer: no page of people is read for it.
      // Each viewer sees whom they may (privacy rule 2): a signed-in member also sees the people
      // of their hub who chose "members of your hub", its coordinators those who chose them.
      const sharing = foundHubs
        ? null
        : presentPeoplePage(
            people
              .visibleTo(req.viewer)
              .peoplePage({ hubId: hub?.id, skillCode: skill?.code, page: filters.page }),
            { skill: skillCode },
          )
      res.render('pages/people/index', {
        pageTitle: foundHubs
          ? `${foundHubs.near ? `Hubs near ${foundHubs.near}` : 'Choose a hub'} – People who share their skills`
          : `People who share their skills${hub ? ` in ${hub.name}` : ''}${skill ? `: ${skill.name}` : ''}${
              sharing?.pagination ? ` (page ${sharing.pageNumber} of ${sharing.pageCount})` : ''
            }`,
        breadcrumbs: [{ href: addresses.start(), text: 'Home' }],
        ...presentPeopleFilters({
          problems: errors,
          skills: people.skillOptions(),
          hub: hub ? { slug: hub.slug, name: hub.name } : null,
          skill: skillCode,
          find: filters.find,
        }),
        foundHubs,
        hubsHref: addresses.hubs(),
        ...sharing,
      })
    })
    .all(methodNotAllowed('GET'))

  return router
}
