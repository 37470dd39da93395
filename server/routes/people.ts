import { Router } from 'express'
import { presentPeopleSharing } from '../presenters/peopleSharing'
import type { Services } from '../services'
import { VISITOR } from '../services/viewer'
import { HUB_MESSAGE, parsePeopleFilters, SKILL_MESSAGE } from '../validation/peopleFilters'

/** /people: people who share their skills, filtered by hub and skill. */
export function peopleRouter({ hubs, people }: Services): Router {
  const router = Router()

  router.get('/people', (req, res) => {
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
    const errorFor = (field: 'hub' | 'skill') => errors.find((error) => error.field === field)?.message
    res.render('pages/people/index', {
      pageTitle: 'People who share their skills',
      breadcrumbs: [{ href: '/', text: 'Home' }],
      errorSummary:
        errors.length > 0
          ? errors.map((error) => ({ href: `#${error.field}`, text: error.message }))
          : undefined,
      hubError: errorFor('hub'),
      skillError: errorFor('skill'),
      hubOptions: hubs.hubOptions(),
      skillOptions: people.skillOptions(),
      selectedHub: hubId === undefined ? '' : filters.hub,
      selectedSkill: skill?.code ?? '',
      filtered: hubId !== undefined || skill !== undefined,
      profiles: sharing.profiles,
      hubsSkills: sharing.hubsSkills,
      someSkillsOnly: sharing.someSkillsOnly,
    })
  })

  return router
}
