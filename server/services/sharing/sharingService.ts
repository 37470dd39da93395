import type { Db } from '../../../db/connection'
import type { AccountsRepository } from '../../../db/repositories/accountsRepository'
import type { ConsentsRepository } from '../../../db/repositories/consentsRepository'
import type { PeopleRepository, PersonInput } from '../../../db/repositories/peopleRepository'
import type { PostcodesRepository } from '../../../db/repositories/postcodesRepository'
import type { OwnProfileRow, ProfilesRepository } from '../../../db/repositories/profilesRepository'
import type { SharingDraftsRepository } from '../../../db/repositories/sharingDraftsRepository'
import type { SkillGroupsRepository } from '../../../db/repositories/skillGroupsRepository'
import type { AuditTrail, RequestOrigin } from '../accounts/auditTrail'
import { isoSecond } from '../accounts/times'
import type { Clock } from '../clock'
import { boxAround, hubCovers, type Point } from '../geo'
import type { LocationResult } from '../locationService'
import { milesBetween } from '../milesBetween'
import { contactDetailsProblem } from './contactDetails'
import { CONSENT_WORDING } from './consentWording'
import {
  CONTACT_WAYS,
  HOW_OFTEN,
  SHARING_STEPS,
  type AnswerProblem,
  type ConsentStatement,
  type ContactWay,
  type HubChoice,
  type SaveResult,
  type SharingAnswers,
  type SharingServiceContract,
  type SharingStep,
  type SkillGroup,
  type Visibility,
  type WhereResult,
} from './contract'

/** What SharingService reads and writes: repositories over one database. */
export interface SharingStores {
  db: Db
  people: PeopleRepository
  profiles: ProfilesRepository
  consents: ConsentsRepository
  sharingDrafts: SharingDraftsRepository
  skillGroups: SkillGroupsRepository
  accounts: AccountsRepository
  postcodes: PostcodesRepository
}

/** What "Where you live" needs from LocationService. */
export interface WhereFinder {
  resolve(input: string): LocationResult
}

export const VISIBILITIES: readonly Visibility[] = ['coordinators', 'hub', 'public']
export const NAME_MAX = 50
export const OWN_WORDS_MAX = 500
export const AVAILABILITY_MAX = 200
export const PLACE_LABEL_MAX = 100
export const EMAIL_MAX = 254
/** "Your hub" lists at most this many hubs, and looks no further than this for the nearest. */
export const HUB_CHOICES = 6
const HUB_CHOICE_MILES = 50
/** A town's postcode district is the nearest one within this distance. */
const TOWN_DISTRICT_MILES = 15

/** The answers each question page asks for. */
export const STEP_FIELDS: Record<SharingStep, readonly (keyof SharingAnswers)[]> = {
  name: ['firstName', 'lastName'],
  where: ['postcodeDistrict', 'placeLabel'],
  hub: ['hubSlug'],
  skills: ['skills', 'skillsInOwnWords'],
  sharing: ['wouldLikeToShare', 'howOften', 'availability'],
  contact: ['contactWays', 'phone', 'email'],
  'who-can-see': ['visibility'],
  agreement: ['agreedVersion'],
  check: [],
}

const ANSWER_KEYS = Object.values(STEP_FIELDS).flat()

const DISTRICT = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
/** A UK number, or one from abroad with its country code: digits once spaces, dashes and brackets are gone. */
const PHONE = /^(?:\+|00)?[0-9]{10,13}$/

type Patch = Partial<Record<keyof SharingAnswers, unknown>>
type Checked = { problems: AnswerProblem[]; patch: Patch }

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')

/** Only the answers' own keys, and only values of the right kind: a draft is read back from JSON. */
function cleanAnswers(value: unknown): SharingAnswers {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {}
  const source = value as Record<string, unknown>
  const answers: Record<string, unknown> = {}
  for (const key of ANSWER_KEYS) {
    const field = source[key]
    if (field === undefined) continue
    if (key === 'skills' || key === 'contactWays') {
      if (Array.isArray(field)) answers[key] = field.filter((item) => typeof item === 'string')
    } else if (key === 'hubSlug') {
      if (field === null || typeof field === 'string') answers[key] = field
    } else if (typeof field === 'string') {
      answers[key] = field
    }
  }
  return answers as SharingAnswers
}

/** The answers with the patch laid over them: a key set to undefined is taken away. */
function withPatch(answers: SharingAnswers, patch: Patch): SharingAnswers {
  const merged: Record<string, unknown> = { ...answers }
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete merged[key]
    else merged[key] = value
  }
  return merged as SharingAnswers
}

/** A postcode district from what LocationService found: the part before the space. */
function districtOfLabel(label: string): string {
  return (label.toUpperCase().split(' ')[0] ?? '').replace(/[^A-Z0-9]/g, '')
}

/** The person's answers as they are kept in their profile. */
export function answersOfProfile(profile: OwnProfileRow, agreedVersion: string | null): SharingAnswers {
  const ways = profile.contactWays.filter((way): way is ContactWay =>
    (CONTACT_WAYS as readonly string[]).includes(way),
  )
  const answers: SharingAnswers = {
    firstName: profile.firstName,
    hubSlug: profile.hubSlug,
    skills: profile.skills.map((skill) => skill.code),
    skillsInOwnWords: profile.skillsInOwnWords,
    wouldLikeToShare: profile.wouldLikeToShare,
    availability: profile.availability,
    contactWays: ways,
    visibility: profile.visibility,
  }
  if (profile.lastName !== '') answers.lastName = profile.lastName
  if (profile.postcodeDistrict) {
    answers.postcodeDistrict = profile.postcodeDistrict
    answers.placeLabel = profile.postcodeDistrict
  }
  if (profile.howOften) answers.howOften = profile.howOften
  if (ways.includes('phone') && profile.phone) answers.phone = profile.phone
  if (ways.includes('email') && profile.email) answers.email = profile.email
  if (agreedVersion) answers.agreedVersion = agreedVersion
  return answers
}

/** The row written for a person from complete answers. */
export function personFrom(
  answers: SharingAnswers,
  hubId: number | null,
): Omit<PersonInput, 'id' | 'createdAt'> {
  const ways = answers.contactWays ?? ['through-hub']
  return {
    firstName: answers.firstName ?? '',
    lastName: answers.lastName ?? '',
    hubId,
    postcodeDistrict: answers.postcodeDistrict ?? null,
    skillsInOwnWords: answers.skillsInOwnWords ?? '',
    wouldLikeToShare: answers.wouldLikeToShare ?? '',
    availability: answers.availability ?? '',
    email: ways.includes('email') ? (answers.email ?? null) : null,
    phone: ways.includes('phone') ? (answers.phone ?? null) : null,
    preferredContact: ways.includes('phone') ? 'phone' : ways.includes('email') ? 'email' : 'through-hub',
    visibility: answers.visibility ?? 'coordinators',
    skills: answers.skills ?? [],
    howOften: answers.howOften ?? null,
    contactWays: ways,
  }
}

const VISIBILITY_WORDS: Record<Visibility, string> = {
  coordinators: 'coordinators only',
  hub: 'members of the hub',
  public: 'everyone',
}

/**
 * "Share your skills" (issue 10): keeps each page's answers (a draft per account until the
 * person finishes, then their profile), checks them, finds where they live and their hub,
 * and records their consent with its wording's version (privacy rule 6).
 */
export class SharingService implements SharingServiceContract {
  constructor(
    private readonly stores: SharingStores,
    private readonly places: WhereFinder,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly wording: ConsentStatement = CONSENT_WORDING,
  ) {}

  answersOf(accountId: number): { answers: SharingAnswers; hasProfile: boolean } {
    const profile = this.stores.profiles.ofAccount(accountId)
    if (profile) return { answers: this.profileAnswers(profile), hasProfile: true }
    return { answers: this.draftOf(accountId), hasProfile: false }
  }

  saveAnswers(
    accountId: number,
    step: SharingStep,
    answers: SharingAnswers,
    origin: RequestOrigin,
  ): SaveResult {
    const checked = this.check(step, answers)
    if (checked.problems.length > 0) return { kind: 'problems', problems: checked.problems }
    const profile = this.stores.profiles.ofAccount(accountId)
    if (!profile) {
      const draft = withPatch(this.draftOf(accountId), checked.patch)
      this.stores.sharingDrafts.save(accountId, JSON.stringify(draft), this.now())
      return { kind: 'saved' }
    }
    this.stores.db.transaction(() => this.saveToProfile(accountId, profile, step, checked.patch, origin))()
    return { kind: 'saved' }
  }

  nextUnanswered(accountId: number): SharingStep {
    return this.firstUnanswered(this.answersOf(accountId).answers)
  }

  findWhere(typed: string): WhereResult {
    const found = this.places.resolve(typed)
    switch (found.kind) {
      case 'found': {
        if (found.precision === 'place' || found.precision === 'point') {
          const district = this.stores.postcodes.nearestDistrict(found.point, TOWN_DISTRICT_MILES)
          if (!district) {
            return {
              kind: 'not-found',
              message: `We could not find the postcode area for ${found.label}. Try typing your postcode, like CT10 1AB`,
              suggestions: [],
            }
          }
          return { kind: 'found', postcodeDistrict: district.district, placeLabel: found.label }
        }
        // Only the district is kept, never the postcode (privacy rule 1).
        const district = districtOfLabel(found.label)
        return { kind: 'found', postcodeDistrict: district, placeLabel: district }
      }
      case 'choose':
        return { kind: 'choose', name: found.name, options: found.options }
      case 'not-found':
        return { kind: 'not-found', message: found.message, suggestions: found.suggestions ?? [] }
      default:
        return { kind: 'not-found', message: found.message, suggestions: [] }
    }
  }

  hubChoices(postcodeDistrict: string, limit = HUB_CHOICES): HubChoice[] {
    const centre = this.centreOf(postcodeDistrict)
    if (!centre || limit < 1) return []
    const people = this.stores.people
    const around = people.hubsAroundPoint(centre, limit * 2)
    const near = people.hubsNearPoint(centre, boxAround(centre, HUB_CHOICE_MILES), limit * 2)
    const seen = new Set<number>()
    return [...around, ...near]
      .filter((hub) => !seen.has(hub.id) && seen.add(hub.id))
      .map((hub) => ({
        slug: hub.slug,
        name: hub.name,
        covers: hubCovers(hub, centre),
        miles: Math.round(milesBetween(centre, hub) * 10) / 10,
      }))
      .filter((hub) => hub.covers || hub.miles <= HUB_CHOICE_MILES)
      .sort(
        (a, b) =>
          Number(b.covers) - Number(a.covers) || a.miles - b.miles || a.name.localeCompare(b.name, 'en-GB'),
      )
      .slice(0, limit)
  }

  skillGroups(): SkillGroup[] {
    const groups: SkillGroup[] = []
    const byName = new Map<string, SkillGroup>()
    for (const row of this.stores.skillGroups.skillsInGroups()) {
      const name = row.groupName ?? 'Other things'
      let group = byName.get(name)
      if (!group) {
        group = { name, skills: [] }
        byName.set(name, group)
        groups.push(group)
      }
      group.skills.push({ code: row.code, name: row.name, description: row.description })
    }
    return groups
  }

  consentStatement(): ConsentStatement {
    return this.wording
  }

  contactDetailsProblem(text: string): string | null {
    return contactDetailsProblem(text)
  }

  finish(
    accountId: number,
    origin: RequestOrigin,
  ): { kind: 'finished'; personId: number } | { kind: 'incomplete'; step: SharingStep } {
    const existing = this.stores.profiles.personIdOfAccount(accountId)
    if (existing !== null) return { kind: 'finished', personId: existing }
    const draft = this.draftOf(accountId)
    const unanswered = this.firstUnanswered(draft)
    if (unanswered !== 'check') return { kind: 'incomplete', step: unanswered }
    // Checked again as a whole: a skill or hub may have gone since the page was answered.
    let answers: SharingAnswers = {}
    for (const step of SHARING_STEPS) {
      const checked = this.check(step, draft)
      if (checked.problems.length > 0) return { kind: 'incomplete', step }
      answers = withPatch(answers, checked.patch)
    }
    const hubId = this.hubIdOf(answers.hubSlug ?? null)
    const at = this.now()
    const personId = this.stores.db.transaction(() => {
      const id = this.stores.people.insert({
        ...personFrom(answers, hubId),
        accountId,
        createdAt: at,
        updatedAt: at,
      })
      this.stores.consents.record({
        personId: id,
        wordingVersion: answers.agreedVersion ?? this.wording.version,
        agreedAt: at,
        method: 'online',
        recordedByAccountId: accountId,
      })
      if (hubId !== null) this.stores.accounts.joinHub(accountId, hubId)
      this.stores.sharingDrafts.delete(accountId)
      this.audit.record({
        accountId,
        action: 'profile-created',
        recordType: 'person',
        recordId: id,
        from: origin,
        detail: `Seen by ${VISIBILITY_WORDS[answers.visibility ?? 'coordinators']}; agreed to the words of ${answers.agreedVersion}`,
      })
      return id
    })()
    return { kind: 'finished', personId }
  }

  /**
   * Answers given all at once (a coordinator registering someone on their behalf, issue 11),
   * checked page by page as the question pages check them: the problems, and the answers to
   * keep. The agreement is not among the steps: that is recorded another way.
   */
  checkAnswers(
    answers: SharingAnswers,
    steps: readonly SharingStep[],
  ): { problems: AnswerProblem[]; answers: SharingAnswers } {
    const problems: AnswerProblem[] = []
    let kept: SharingAnswers = {}
    for (const step of steps) {
      const checked = this.check(step, answers)
      problems.push(...checked.problems)
      kept = withPatch(kept, checked.patch)
    }
    return { problems, answers: kept }
  }

  /** The answers kept in the account's draft, or none. */
  private draftOf(accountId: number): SharingAnswers {
    const draft = this.stores.sharingDrafts.find(accountId)
    if (!draft) return {}
    try {
      return cleanAnswers(JSON.parse(draft.answers))
    } catch {
      return {}
    }
  }

  private profileAnswers(profile: OwnProfileRow): SharingAnswers {
    const consent = this.stores.consents.inForceFor(profile.id)
    return answersOfProfile(profile, consent?.wordingVersion ?? null)
  }

  private firstUnanswered(answers: SharingAnswers): SharingStep {
    const answered: Record<SharingStep, boolean> = {
      name: Boolean(answers.firstName),
      where: Boolean(answers.postcodeDistrict),
      hub: answers.hubSlug !== undefined,
      skills: (answers.skills?.length ?? 0) > 0 || Boolean(answers.skillsInOwnWords),
      sharing: answers.howOften !== undefined,
      contact: (answers.contactWays?.length ?? 0) > 0,
      'who-can-see': answers.visibility !== undefined,
      agreement: answers.agreedVersion === this.wording.version,
      check: true,
    }
    return SHARING_STEPS.find((step) => !answered[step]) ?? 'check'
  }

  /** One page's answers checked, and what to keep of them (only that page's fields). */
  private check(step: SharingStep, answers: SharingAnswers): Checked {
    const problems: AnswerProblem[] = []
    const patch: Patch = {}
    const problem = (field: string, message: string) => problems.push({ field, message })
    const freeText = (field: keyof SharingAnswers, value: string, what: string, max: number) => {
      if (value.length > max) problem(field, `${what} must be ${max} characters or fewer`)
      else {
        const contact = contactDetailsProblem(value)
        if (contact) problem(field, contact)
      }
      patch[field] = value
    }
    switch (step) {
      case 'name': {
        const firstName = text(answers.firstName)
        const lastName = text(answers.lastName)
        if (firstName === '') problem('firstName', 'Enter your first name')
        else if (firstName.length > NAME_MAX)
          problem('firstName', `Your first name must be ${NAME_MAX} characters or fewer`)
        else if (contactDetailsProblem(firstName)) problem('firstName', 'Enter only your first name')
        if (lastName.length > NAME_MAX)
          problem('lastName', `Your last name must be ${NAME_MAX} characters or fewer`)
        else if (contactDetailsProblem(lastName)) problem('lastName', 'Enter only your last name')
        patch.firstName = firstName
        patch.lastName = lastName === '' ? undefined : lastName
        break
      }
      case 'where': {
        const district = text(answers.postcodeDistrict).toUpperCase().replace(/\s/g, '')
        if (!DISTRICT.test(district)) problem('postcodeDistrict', 'Enter a town, village or postcode')
        const label = text(answers.placeLabel)
        patch.postcodeDistrict = district
        // A town's name, or the district: never a postcode (privacy rule 1).
        patch.placeLabel =
          label === '' || /\d/.test(label) || label.length > PLACE_LABEL_MAX ? district : label
        break
      }
      case 'hub': {
        const slug = answers.hubSlug
        if (slug === null) patch.hubSlug = null
        else if (typeof slug === 'string' && slug.trim() !== '' && this.stores.people.findHub(slug.trim()))
          patch.hubSlug = slug.trim()
        else problem('hubSlug', 'Choose your hub, or choose none of these')
        break
      }
      case 'skills': {
        const codes = [
          ...new Set((answers.skills ?? []).map((code) => text(code)).filter((code) => code !== '')),
        ]
        const ownWords = text(answers.skillsInOwnWords)
        if (codes.some((code) => !this.stores.people.findSkill(code)))
          problem('skills', 'Choose skills from the list')
        else if (codes.length === 0 && ownWords === '')
          problem('skills', 'Choose at least one thing you are good at, or write it in your own words')
        patch.skills = codes
        freeText('skillsInOwnWords', ownWords, 'Your own words', OWN_WORDS_MAX)
        break
      }
      case 'sharing': {
        freeText(
          'wouldLikeToShare',
          text(answers.wouldLikeToShare),
          'What you would like to share',
          OWN_WORDS_MAX,
        )
        const howOften = answers.howOften
        if (howOften === undefined || !(HOW_OFTEN as readonly string[]).includes(howOften))
          problem('howOften', 'Choose how often you would like to share')
        else patch.howOften = howOften
        freeText('availability', text(answers.availability), 'When you are free', AVAILABILITY_MAX)
        break
      }
      case 'contact': {
        const ways = CONTACT_WAYS.filter((way) => (answers.contactWays ?? []).includes(way))
        if (ways.length === 0) problem('contactWays', 'Choose how people should get in touch with you')
        patch.contactWays = ways
        patch.phone = undefined
        patch.email = undefined
        if (ways.includes('phone')) {
          const phone = text(answers.phone).normalize('NFKC')
          if (phone === '') problem('phone', 'Enter your phone number')
          else if (!PHONE.test(phone.replace(/[\s()\-.]/g, '')))
            problem(
              'phone',
              'Enter a phone number in the correct format, like 01632 960 001 or 07700 900 982',
            )
          else patch.phone = phone
        }
        if (ways.includes('email')) {
          const email = text(answers.email).normalize('NFKC')
          if (email === '') problem('email', 'Enter your email address')
          else if (email.length > EMAIL_MAX || !EMAIL.test(email))
            problem('email', 'Enter an email address in the correct format, like name@example.com')
          else patch.email = email
        }
        break
      }
      case 'who-can-see': {
        const visibility = answers.visibility
        if (visibility === undefined || !VISIBILITIES.includes(visibility))
          problem('visibility', 'Choose who can see your profile')
        else patch.visibility = visibility
        break
      }
      case 'agreement': {
        const version = text(answers.agreedVersion)
        if (version === '') problem('agreedVersion', 'Tick the box to say you agree')
        else if (version !== this.wording.version)
          problem('agreedVersion', 'The words have changed since you read them. Please read them again')
        else patch.agreedVersion = version
        break
      }
      case 'check':
        break
    }
    return { problems, patch }
  }

  /** One page's answers written to the profile (in the caller's transaction). */
  private saveToProfile(
    accountId: number,
    profile: OwnProfileRow,
    step: SharingStep,
    patch: Patch,
    origin: RequestOrigin,
  ): void {
    if (step === 'check') return
    if (step === 'agreement') {
      const inForce = this.stores.consents.inForceFor(profile.id)
      if (inForce?.wordingVersion === this.wording.version) return
      this.stores.consents.record({
        personId: profile.id,
        wordingVersion: this.wording.version,
        agreedAt: this.now(),
        method: 'online',
        recordedByAccountId: accountId,
      })
      this.audit.record({
        accountId,
        action: 'consent-given',
        recordType: 'person',
        recordId: profile.id,
        from: origin,
        detail: `Agreed to the words of ${this.wording.version}`,
      })
      return
    }
    const before = answersOfProfile(profile, null)
    const answers = withPatch(before, patch)
    const hubId = step === 'hub' ? this.hubIdOf(answers.hubSlug ?? null) : profile.hubId
    this.stores.people.update(profile.id, { ...personFrom(answers, hubId), updatedAt: this.now() })
    if (step === 'hub' && hubId !== profile.hubId) {
      if (hubId !== null) this.stores.accounts.joinHub(accountId, hubId)
      // A member belongs to the hub of their profile; other roles keep the hubs they look after.
      if (profile.hubId !== null && this.stores.accounts.find(accountId)?.role === 'member')
        this.stores.accounts.leaveHub(accountId, profile.hubId)
    }
    const visibilityChanged = answers.visibility !== before.visibility
    this.audit.record({
      accountId,
      action: visibilityChanged ? 'profile-visibility-changed' : 'profile-changed',
      recordType: 'person',
      recordId: profile.id,
      from: origin,
      detail: visibilityChanged
        ? `From ${VISIBILITY_WORDS[before.visibility ?? 'coordinators']} to ${VISIBILITY_WORDS[answers.visibility ?? 'coordinators']}`
        : `Changed the answers to "${step}"`,
    })
  }

  private hubIdOf(slug: string | null): number | null {
    return slug === null ? null : (this.stores.people.findHub(slug)?.id ?? null)
  }

  /** The centre of a district ("CT10"), or of the districts it starts ("SW1"). */
  private centreOf(district: string): Point | undefined {
    const wanted = district.toUpperCase().replace(/\s/g, '')
    const exact = this.stores.postcodes.findDistrict(wanted)
    if (exact) return { latitude: exact.latitude, longitude: exact.longitude }
    const family = this.stores.postcodes.findDistrictFamily(wanted)
    return family && { latitude: family.latitude, longitude: family.longitude }
  }

  private now(): string {
    return isoSecond(this.clock.now())
  }
}
