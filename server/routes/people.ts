import { Router } from 'express'
import { addresses, paths } from '../addresses'
import { methodNotAllowed } from '../middleware/methodNotAllowed'
import { presentPeopleFilters } from '../presenters/peopleFilters'
import { presentPeopleSharing } from '../presenters/peopleSharing'
import type { Services } from '../services'
import { VISITOR } from '../services/viewer'
import { HUB_MESSAGE, parsePeopleFilters, SKILL_MESSAGE } from '../validation/peopleFilters'

/** /people: people who share their skills, filtered by hub and skill. */
export function peopleRouter({ hubs, people }: Services): Router {
  const router = Router()

  router
    .route(paths.people)
    .get((req, res) => {
      const { filters, errors } = parsePeopleFilters(req.query)
      // A well-formed choice that is not on the list is the same mistake as a malformed one.
      const hubId = filters.hub === null ? undefined : hubs.findHubId(filters.hub)
      if (filters.hub !== null && hubId === undefined) errors.push({ field: 'hub', message: HUB_MESSAGE })
      const skill = filters.skill === null ? undefined : people.findSkill(filters.skill)
      if (filters.skill !== null && !skill) errors.push({ field: 'skill', message: SKILL_MESSAGE })

      const filter = {
        hubIds: hubId === undefined ? undefined : [hubId],
        skillCodes: skill ? [skill.code] : undefined,
      }
      const sharing = presentPeopleSharing(people.visibleTo(VISITOR).peopleSharing(filter), {
        hub: hubId !== undefined,
        skill: skill !== undefined,
      })
      res.render('pages/people/index', {
        pageTitle: 'People who share their skills',
        breadcrumbs: [{ href: addresses.start(), text: 'Home' }],
        ...presentPeopleFilters({
          problems: errors,
          hubs: hubs.hubOptions(),
          skills: people.skillOptions(),
          hub: hubId === undefined ? null : filters.hub,
          skill: skill?.code ?? null,
        }),
        profiles: sharing.profiles,
        hubsSkills: sharing.hubsSkills,
        someSkillsOnly: sharing.someSkillsOnly,
        someHubsOnly: sharing.someHubsOnly,
        hubsHref: sharing.hubsHref,
      })
    })
    .all(methodNotAllowed('GET'))

  return router
}
