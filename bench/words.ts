/**
 * Words for the benchmark's made-up listings. Enough variety that search has realistic work
 * to do: the same words as real groups use, in different mixes, across the country.
 */

export interface CategoryWords {
  /** how often a service is in this category, relative to the others */
  weight: number
  /** share of these services that come to people's homes */
  comesToHome: number
  /** share of these services that phone people (left out: none) */
  byPhone?: number
  /** share of these services that run online (left out: none) */
  online?: number
  names: readonly string[]
  /** one sentence about what happens, after "A friendly ..." style openers */
  about: readonly string[]
}

export const CATEGORY_WORDS: Readonly<Record<string, CategoryWords>> = {
  'walking-groups': {
    weight: 8,
    comesToHome: 0,
    names: [
      'Walk and Talk',
      'Health Walk',
      'Gentle Strollers',
      'Nordic Walking',
      'Heritage Walk',
      'Park Walk',
      'Seaside Stroll',
    ],
    about: [
      'An easy walk of about an hour at a gentle pace, with a stop for tea at the end.',
      'Short walks on flat paths, led by trained volunteers. Walking sticks welcome.',
      'A weekly walk around the park and along the river, ending at the café.',
    ],
  },
  'lunch-clubs': {
    weight: 9,
    comesToHome: 0.05,
    names: [
      'Lunch Club',
      'Community Lunch',
      'Friday Fish and Chips',
      'Soup and Chat',
      'Pensioners Dinner Club',
      'Sunday Roast Club',
    ],
    about: [
      'A hot two-course lunch cooked fresh, with tea or coffee and good company.',
      'A home-cooked meal shared around big tables. Vegetarian options every week.',
      'Soup, a sandwich and a chat. Meals can be delivered to people who cannot get out.',
    ],
  },
  'coffee-mornings': {
    weight: 10,
    comesToHome: 0,
    names: [
      'Coffee Morning',
      'Friendship Club',
      'Tea Dance',
      'Bingo Afternoon',
      'Over 60s Club',
      'Drop-in Cuppa',
      'Chatterbox Café',
    ],
    about: [
      'Drop in for a cuppa, cake and a chat. A good way to meet people nearby.',
      'A relaxed social club with quizzes, raffles and the odd sing-song.',
      'Tea, biscuits and friendly faces every week. Come on your own or bring a friend.',
    ],
  },
  befriending: {
    weight: 6,
    comesToHome: 0.6,
    byPhone: 0.3,
    names: [
      'Telephone Befriending',
      'Friendly Visitors',
      'Good Neighbours Scheme',
      'Friendly Calls',
      'Link Up Befriending',
    ],
    about: [
      'A volunteer visits you at home for a chat once a week. For anyone who feels lonely.',
      'A regular friendly phone call from someone who has time to talk.',
      'Volunteers keep you company, go for short walks and help you get to groups.',
    ],
  },
  'digital-help': {
    online: 0.1,
    weight: 7,
    comesToHome: 0.1,
    names: [
      'Tablet Help Drop-in',
      'Computer Club',
      'Digital Help Café',
      'Smartphone Basics',
      'Get Online Sessions',
      'Tech Tea',
    ],
    about: [
      'Patient help with phones, tablets and computers: email, video calls and photos.',
      'Bring your tablet or smartphone and a volunteer will help you get online.',
      'Learn to use the internet safely, shop online and talk to family on a video call.',
    ],
  },
  'money-advice': {
    byPhone: 0.15,
    weight: 4,
    comesToHome: 0.2,
    names: [
      'Benefits Advice Drop-in',
      'Money Matters',
      'Pension Credit Check',
      'Help with Forms',
      'Money Advice Surgery',
    ],
    about: [
      'Free, private advice about benefits, pension credit and attendance allowance.',
      'Help to check what money you can get and to fill in the forms.',
      'Advice on bills, debt and budgeting from trained advisers.',
    ],
  },
  'community-transport': {
    weight: 3,
    comesToHome: 0.7,
    names: ['Community Car Scheme', 'Dial-a-Ride', 'Shopping Bus', 'Hospital Lifts', 'Village Minibus'],
    about: [
      'Volunteer drivers give lifts to appointments, the shops and groups. Book two days ahead.',
      'A door-to-door minibus for people who find buses hard to use.',
      'A weekly shopping trip by minibus, with help to carry your bags.',
    ],
  },
  singing: {
    weight: 5,
    comesToHome: 0,
    names: [
      'Community Choir',
      'Singing for the Brain',
      'Ukulele Group',
      'Music and Memories',
      'Sing-along Club',
      'Silver Singers',
    ],
    about: [
      'Singing together for fun. You do not need to read music.',
      'Well-known songs from the 50s, 60s and 70s, with tea at half time.',
      'A relaxed choir for all voices. We sing at local events a few times a year.',
    ],
  },
  'mens-sheds': {
    weight: 2,
    comesToHome: 0,
    names: ["Men's Shed", 'Community Workshop', 'Repair Café', 'Woodwork Shed'],
    about: [
      'A workshop where people make, mend and chat. Everyone is welcome.',
      'Bring something broken and we will help you fix it. Tools and tea provided.',
    ],
  },
  'gentle-exercise': {
    weight: 8,
    comesToHome: 0.03,
    names: [
      'Chair Exercise',
      'Tai Chi for Beginners',
      'Gentle Yoga',
      'Strength and Balance',
      'Seated Pilates',
      'Tea Dance Fitness',
    ],
    about: [
      'Gentle exercise you can do sitting down, to help with strength and balance.',
      'A calm class for all abilities, led by a qualified instructor.',
      'Exercise to music to keep moving and help prevent falls.',
    ],
  },
  'carers-support': {
    weight: 3,
    comesToHome: 0.2,
    names: ["Carers' Coffee Morning", "Carers' Support Group", "Carers' Break", 'Time for Me'],
    about: [
      'A break and a friendly ear for people who look after someone.',
      'Carers meet to share tips, talk things through and hear from local services.',
    ],
  },
  'arts-crafts': {
    weight: 6,
    comesToHome: 0,
    names: [
      'Knit and Natter',
      'Art Club',
      'Craft Circle',
      'Sewing Bee',
      'Watercolour Group',
      'Pottery for Beginners',
    ],
    about: [
      'Painting, knitting and making things together. Materials provided.',
      'Bring your knitting or crochet and join us for a natter.',
      'A friendly art group for beginners and old hands alike.',
    ],
  },
  'memory-support': {
    weight: 3,
    comesToHome: 0.1,
    names: ['Memory Café', 'Dementia Friends Group', 'Reminiscence Club', 'Forget Me Not Café'],
    about: [
      'A memory café for people living with dementia and the people who care for them.',
      'Music, old photos and activities that bring back good memories.',
    ],
  },
  'gardening-groups': {
    weight: 3,
    comesToHome: 0.05,
    names: ['Community Garden', 'Allotment Club', 'Gardening Friends', 'Green Fingers Group'],
    about: [
      'Growing flowers and vegetables together. Raised beds for easy digging.',
      'Help keep the park gardens tidy and take home some produce.',
    ],
  },
  'health-advice': {
    weight: 3,
    comesToHome: 0.1,
    names: [
      'Wellbeing Café',
      'Blood Pressure Check',
      'Hearing Aid Clinic',
      'Falls Prevention Talk',
      'Eye Health Drop-in',
    ],
    about: [
      'Friendly health checks and advice on staying well.',
      'Hearing aid batteries, cleaning and advice, with no appointment needed.',
    ],
  },
  learning: {
    weight: 4,
    comesToHome: 0,
    names: [
      'U3A Local History',
      'French Conversation',
      'Book Club',
      'Talks and Tea',
      'Family History Group',
      'Creative Writing',
    ],
    about: [
      'Talks and classes where people learn something new together.',
      'A relaxed group that meets to read, talk and share what we have learned.',
    ],
  },
}

export const FALLBACK_CATEGORY: CategoryWords = {
  weight: 2,
  comesToHome: 0.05,
  names: ['Community Group', 'Social Club', 'Drop-in'],
  about: ['A friendly group for older people in the area.'],
}

/** The categories to create when the database has none yet (0002_terms.sql normally adds them). */
export const FALLBACK_CATEGORY_TERMS: readonly [code: string, name: string][] = Object.keys(
  CATEGORY_WORDS,
).map((code) => [code, code.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase())])

export const FALLBACK_SKILL_TERMS: readonly [code: string, name: string][] = [
  ['tablets-and-phones', 'Tablets and phones'],
  ['form-filling', 'Help with forms'],
  ['listening', 'A listening ear'],
  ['gardening', 'Gardening'],
  ['cooking', 'Cooking'],
  ['diy-repairs', 'Small repairs and DIY'],
]

export const OPENERS = ['A friendly', 'A welcoming', 'A relaxed', 'A small', 'A lively', 'A volunteer-run']
export const FOR_WHOM = [
  'group for older people',
  'group for people over 55',
  'session for anyone',
  'club for local people',
]

export const ELIGIBILITY = [
  'Anyone over 55',
  'Open to everyone',
  'People aged 60 and over',
  'Older people and their carers',
  'Anyone living in the area',
  'People living with memory loss and their carers',
]

export const HOW_TO_JOIN = [
  'Just turn up.',
  'Just turn up. Your first visit is free.',
  'Ring to book a place.',
  'Send us an email or ring and we will call you back.',
  'Ask your GP or ring us.',
  'Fill in a short form at your first visit.',
]

export const COSTS: readonly (readonly [pence: number, option: string])[] = [
  [100, 'session'],
  [150, 'session'],
  [200, 'session'],
  [250, 'session'],
  [300, 'session'],
  [350, 'meal'],
  [450, 'meal'],
  [500, 'month'],
  [1000, 'year'],
]

export const TIME_SLOTS: readonly (readonly [opensAt: string, closesAt: string])[] = [
  ['09:30', '11:30'],
  ['10:00', '12:00'],
  ['10:30', '12:00'],
  ['11:00', '12:30'],
  ['12:00', '14:00'],
  ['13:30', '15:30'],
  ['14:00', '16:00'],
  ['18:30', '20:00'],
]

export const VENUES = [
  "St Mary's Church Hall",
  'Community Centre',
  'Library',
  'Methodist Church Hall',
  'Village Hall',
  'Scout Hut',
  'Baptist Church Rooms',
  'Leisure Centre',
  'Town Hall',
  'Memorial Hall',
  'Community Café',
  'Sports Club',
  'Parish Rooms',
  'Quaker Meeting House',
  'Social Club',
  'Friends Meeting Room',
  'Salvation Army Hall',
  'Park Pavilion',
  'Youth Centre',
  'Mosque Community Room',
  'Gurdwara Hall',
  'Health Centre Meeting Room',
]

export const STREETS = [
  'High Street',
  'Church Road',
  'Station Road',
  'Victoria Road',
  'Park Road',
  'London Road',
  'Green Lane',
  'Manor Road',
  'Church Street',
  'Queens Road',
  'New Road',
  'Mill Lane',
  'King Street',
  'The Crescent',
  'Market Place',
]

export const ORGANISATION_PATTERNS: readonly ((town: string) => string)[] = [
  (town) => `Age UK ${town}`,
  (town) => `${town} U3A`,
  (town) => `${town} Rotary Club`,
  (town) => `Friends of ${town} Library`,
  (town) => `${town} Community Association`,
  (town) => `${town} Good Neighbours`,
  (town) => `${town} Methodist Church`,
  (town) => `${town} Volunteer Centre`,
  (town) => `${town} Men's Shed`,
  (town) => `${town} Carers' Network`,
  (town) => `${town} Community Transport`,
  (town) => `${town} Walking Network`,
  (town) => `${town} Lions Club`,
  (town) => `${town} Parish Council`,
  (town) => `${town} Healthy Living Centre`,
  (town) => `Open Door ${town}`,
]

export const FIRST_NAMES = [
  'Margaret',
  'Patricia',
  'Jean',
  'Susan',
  'Christine',
  'Linda',
  'Barbara',
  'Janet',
  'Maureen',
  'Sheila',
  'Pauline',
  'Elizabeth',
  'Kathleen',
  'Ann',
  'Dorothy',
  'Brenda',
  'Valerie',
  'Joan',
  'Irene',
  'Sandra',
  'John',
  'David',
  'Michael',
  'Peter',
  'Robert',
  'Anthony',
  'Brian',
  'Alan',
  'William',
  'James',
  'Keith',
  'Colin',
  'Derek',
  'Roger',
  'Graham',
  'Trevor',
  'Raymond',
  'Kenneth',
  'Gordon',
  'Malcolm',
  'Gurpreet',
  'Amrit',
  'Mohammed',
  'Fatima',
  'Winston',
  'Hyacinth',
  'Siobhan',
  'Declan',
  'Ewan',
  'Rhiannon',
]

export const LAST_NAMES = [
  'Smith',
  'Jones',
  'Williams',
  'Taylor',
  'Brown',
  'Davies',
  'Evans',
  'Wilson',
  'Thomas',
  'Johnson',
  'Roberts',
  'Robinson',
  'Thompson',
  'Wright',
  'Walker',
  'White',
  'Edwards',
  'Hughes',
  'Green',
  'Hall',
  'Lewis',
  'Harris',
  'Clarke',
  'Patel',
  'Jackson',
  'Wood',
  'Turner',
  'Martin',
  'Cooper',
  'Hill',
  'Ward',
  'Morris',
  'Moore',
  'Clark',
  'Lee',
  'King',
  'Baker',
  'Harrison',
  'Morgan',
  'Allen',
  'Khan',
  'Singh',
  'Campbell',
  'Stewart',
  'MacDonald',
  'Murray',
  'Kaur',
  'Begum',
  'Ahmed',
  'Reid',
]

export const OWN_WORDS = [
  'I was a nurse for thirty years.',
  'I used to run a corner shop.',
  'Retired teacher who loves a chat.',
  'I have an allotment and too many courgettes.',
  'I was an engineer and like fixing things.',
  'I worked in a bank and understand forms.',
  'I drove buses for twenty years.',
  'I bake for the church fete every year.',
  '',
]

export const AVAILABILITY = [
  'Weekday mornings',
  'Tuesday and Thursday afternoons',
  'Most weekends',
  'Any time with notice',
  'Evenings',
  '',
]

export const HUB_QUARTERS = [
  'Central',
  'North',
  'South',
  'East',
  'West',
  'Riverside',
  'Old Town',
  'Park',
  'Hill',
  'Green',
  'Village',
  'Cross',
  'Heath',
  'Bridge',
  'Vale',
  'Castle',
  'Harbour',
  'Moor',
  'Fields',
  'Common',
]

export const HUB_MEETINGS = [
  'The library, on the first Monday of the month at 10am',
  'The community centre, on the second Wednesday of the month at 2pm',
  'The church hall, every other Friday at 11am',
  'The café on the high street, on the last Thursday of the month at 10:30am',
]

/** Letters that may end a UK postcode (the inward code never uses C, I, K, M, O or V). */
export const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'

/** Less common searches, each also with an ending ("yoga class"): about 130 in all. */
export const TAIL_WORDS = [
  'walking group',
  'lunch club',
  'tablet help',
  'choir',
  'tai chi',
  'yoga',
  'befriending',
  'lonely',
  'money advice',
  'pension',
  'benefits',
  'transport',
  'minibus',
  'dementia',
  'carers',
  'art',
  'painting',
  'sewing',
  'garden',
  'allotment',
  'mens shed',
  'woodwork',
  'book club',
  'local history',
  'french',
  'bingo',
  'tea dance',
  'friendship',
  'phone',
  'internet',
  'email',
  'hearing',
  'falls',
  'balance',
  'exercise',
  'dance',
  'quiz',
  'craft',
  'crochet',
  'ukulele',
  'repair',
  'blood pressure',
  'wellbeing',
  'soup',
  'dinner',
  'hot meal',
  'bus',
  'lifts',
  'forms',
  'reminiscence',
  'pilates',
  'strollers',
  'health walk',
  'smartphone',
  'video call',
  'knit and natter',
  'watercolour',
  'family history',
  'creative writing',
  'talks',
  'memory cafe',
  'respite',
  'cuppa',
  'chat',
  'fish and chips',
]
export const TAIL_ENDINGS = ['group', 'club', 'class', 'help', 'for beginners', 'free']

/** What people search for again and again. */
export const POPULAR_WORDS = [
  'walking',
  'lunch',
  'computer',
  'singing',
  'coffee morning',
  'chair exercise',
  'knitting',
  'memory',
]

/** The search filters as they appear in addresses (/search?day=tuesday&access=step-free). */
export const FILTERS = [
  'free=yes',
  'home=yes',
  'day=monday',
  'day=tuesday',
  'day=wednesday',
  'day=thursday',
  'day=friday',
  'day=saturday',
  'access=step-free',
  'access=hearing-loop',
  'access=accessible-toilet',
  'access=seating',
  'access=parking',
  'access=bus-stop',
  'category=walking-groups',
  'category=lunch-clubs',
  'category=coffee-mornings',
  'category=befriending',
] as const

/** The distances the search form offers, in miles. */
export const DISTANCES = [1, 3, 5, 10, 25] as const
