/**
 * The filter form of /people ("Choose a hub or a skill"): its two lists, what was chosen,
 * what is wrong, and the link that shows everyone again. A plain function; the people listed
 * are shaped elsewhere.
 */
import { addresses } from '../addresses'
import { formErrors, type FieldProblem, type FormErrors } from '../forms'
import type { SelectItem } from './searchForm'

/** Where each problem links to, in the order the lists stand on the page. */
const PEOPLE_FIELD_IDS = { hub: 'hub', skill: 'skill' }

export interface PeopleFiltersView extends FormErrors {
  action: string
  hubItems: SelectItem[]
  skillItems: SelectItem[]
  /** a hub or a skill is chosen */
  filtered: boolean
  everyoneHref: string
}

export interface PeopleFiltersInput {
  problems: FieldProblem[]
  hubs: { slug: string; name: string }[]
  skills: { code: string; name: string }[]
  /** the chosen hub's slug and skill's code, when they are on the lists */
  hub: string | null
  skill: string | null
}

export function presentPeopleFilters({
  problems,
  hubs,
  skills,
  hub,
  skill,
}: PeopleFiltersInput): PeopleFiltersView {
  return {
    ...formErrors(problems, PEOPLE_FIELD_IDS),
    action: addresses.people(),
    hubItems: [
      { value: '', text: 'All hubs', selected: false },
      ...hubs.map(({ slug, name }) => ({ value: slug, text: name, selected: slug === hub })),
    ],
    skillItems: [
      { value: '', text: 'All skills', selected: false },
      ...skills.map(({ code, name }) => ({ value: code, text: name, selected: code === skill })),
    ],
    filtered: hub !== null || skill !== null,
    everyoneHref: addresses.people(),
  }
}
