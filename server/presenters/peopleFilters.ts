/**
 * The choices form of /people ("Choose a hub or a skill"): the "Hub name or town" box (or the
 * hub already chosen, with a link to choose another), the skill list, what is wrong, and the
 * link that shows everyone again. A plain function; the people listed are shaped elsewhere.
 * There is no list of every hub: a national directory has 10,000 (issue 8).
 */
import { addresses } from '../addresses'
import { formErrors, type FieldProblem, type FormErrors } from '../forms'
import type { SelectItem } from './searchForm'

/** Where each problem links to, in the order the fields stand on the page. */
const PEOPLE_FIELD_IDS = { find: 'find', skill: 'skill' }

export interface PeopleFiltersView extends FormErrors {
  action: string
  /** the hub chosen (kept in the form as a hidden field), or null to show the box */
  chosenHub: { name: string; slug: string; changeHref: string } | null
  /** what was typed in "Hub name or town", to show again */
  find: string | null
  skillItems: SelectItem[]
  /** a hub or a skill is chosen */
  filtered: boolean
  everyoneHref: string
}

export interface PeopleFiltersInput {
  problems: FieldProblem[]
  skills: { code: string; name: string }[]
  /** the chosen hub, when there is one */
  hub: { slug: string; name: string } | null
  /** the chosen skill's code, when it is on the list */
  skill: string | null
  find: string | null
}

export function presentPeopleFilters({
  problems,
  skills,
  hub,
  skill,
  find,
}: PeopleFiltersInput): PeopleFiltersView {
  return {
    ...formErrors(problems, PEOPLE_FIELD_IDS),
    action: addresses.people(),
    chosenHub: hub ? { name: hub.name, slug: hub.slug, changeHref: addresses.people({ skill }) } : null,
    find: hub ? null : find,
    skillItems: [
      { value: '', text: 'All skills', selected: false },
      ...skills.map(({ code, name }) => ({ value: code, text: name, selected: code === skill })),
    ],
    filtered: hub !== null || skill !== null,
    everyoneHref: addresses.people(),
  }
}
