import type { OrganisationSeed } from './types'

type OrganisationFields = Pick<
  OrganisationSeed,
  'key' | 'name' | 'description' | 'hubs' | 'phone' | 'lastChecked'
> &
  Partial<OrganisationSeed>

/** Every organisation is made up. Web and email addresses are at example.org; phone numbers are Ofcom drama numbers. */
const organisation = (fields: OrganisationFields): OrganisationSeed => ({
  website: `https://example.org/${fields.key}`,
  email: `${fields.key}@example.org`,
  basedAt: null,
  status: 'published',
  ...fields,
})

export const ORGANISATIONS: OrganisationSeed[] = [
  // Sheffield
  organisation({
    key: 'steel-city-strollers',
    name: 'Steel City Strollers',
    description: 'A volunteer walking club that leads short, friendly walks in Sheffield parks every week.',
    hubs: ['sheffield'],
    phone: '0114 496 0112',
    lastChecked: '2026-09-14',
  }),
  organisation({
    key: 'heeley-bank-neighbours',
    name: 'Heeley Bank Neighbours',
    description:
      'A community association that runs Heeley Bank Community Centre: a lunch club, a coffee morning, an art group and a community garden.',
    hubs: ['sheffield'],
    phone: '0114 496 0245',
    basedAt: 'heeley-bank-centre',
    lastChecked: '2026-06-02',
  }),
  organisation({
    key: 'sheaf-carers',
    name: 'Sheaf Valley Carers Network',
    description:
      'Carers supporting carers: a monthly café, a sitting service and a friendly ear on the phone.',
    hubs: ['sheffield'],
    phone: '0114 496 0318',
    website: null,
    lastChecked: '2025-11-05',
  }),
  organisation({
    key: 'kelham-digital-buddies',
    name: 'Kelham Digital Buddies',
    description: 'Volunteers who help people of any age get the most from phones, tablets and computers.',
    hubs: ['sheffield'],
    phone: '0114 496 0407',
    basedAt: 'kelham-community-rooms',
    lastChecked: '2026-09-14',
  }),
  organisation({
    key: 'don-valley-shed',
    name: "Don Valley Men's Shed",
    description: 'A shed where people make, mend and have a natter. Open to all, whatever your skills.',
    hubs: ['sheffield'],
    phone: '0114 496 0533',
    basedAt: 'don-valley-shed-workshop',
    lastChecked: '2026-02-11',
  }),
  organisation({
    key: 'sheffield-sings',
    name: 'Sheffield Sings Again',
    description:
      'A community choir for people over 55, plus a monthly singing group for people living with memory loss.',
    hubs: ['sheffield'],
    phone: '0114 496 0621',
    lastChecked: '2025-05-27',
  }),
  organisation({
    key: 'sheffield-money-matters',
    name: 'Sheffield Money Matters',
    description: 'Free, private advice on benefits, pensions, bills and debt from trained volunteers.',
    hubs: ['sheffield'],
    phone: '0114 496 0750',
    lastChecked: '2026-10-21',
  }),
  organisation({
    key: 'sheffield-memories',
    name: 'Sheffield Memories Society',
    description: 'A local history society that collects old photos and stories and gives monthly talks.',
    hubs: ['sheffield'],
    phone: '0114 496 0884',
    website: null,
    lastChecked: '2025-03-11',
  }),
  organisation({
    key: 'sheffield-repair-cafe',
    name: 'Sheffield Repair Café',
    description: 'Draft: still setting up.',
    hubs: ['sheffield'],
    phone: '0114 496 0990',
    status: 'draft',
    lastChecked: '2026-11-10',
  }),

  // Thanet
  organisation({
    key: 'thanet-coast-walkers',
    name: 'Thanet Coast Walkers',
    description:
      'Volunteer walk leaders who lead walks along the Thanet coast, from short strolls to half-day rambles.',
    hubs: ['thanet'],
    phone: '01632 960101',
    lastChecked: '2026-08-26',
  }),
  organisation({
    key: 'thanet-good-neighbours',
    name: 'Isle of Thanet Good Neighbours',
    description:
      'Neighbours helping neighbours: befriending visits, lifts to the shops and hospital, benefits checks and a weekly coffee morning.',
    hubs: ['thanet'],
    phone: '01632 960114',
    lastChecked: '2026-10-03',
  }),
  organisation({
    key: 'cliftonville-kitchen',
    name: 'Cliftonville Community Kitchen',
    description:
      'A community kitchen serving low-cost hot meals, with vegetables from its own growing group.',
    hubs: ['thanet'],
    phone: '01632 960127',
    basedAt: 'cliftonville-kitchen',
    lastChecked: '2026-10-03',
  }),
  organisation({
    key: 'ramsgate-shed',
    name: "Ramsgate Harbour Men's Shed",
    description: 'A workshop by the harbour where people repair boats, build bird boxes and share a cuppa.',
    hubs: ['thanet'],
    phone: '01632 960138',
    basedAt: 'ramsgate-shed-workshop',
    lastChecked: '2025-12-09',
  }),
  organisation({
    key: 'broadstairs-memory-friends',
    name: 'Broadstairs Memory Friends',
    description:
      'Volunteers who run a memory café, a carers’ chat and a craft group in Broadstairs and Ramsgate.',
    hubs: ['thanet'],
    phone: '01632 960149',
    website: null,
    lastChecked: '2026-07-07',
  }),
  organisation({
    key: 'thanet-tech-buddies',
    name: 'Thanet Tech Buddies',
    description:
      'Patient volunteers who help with phones, tablets and computers at libraries and in people’s homes.',
    hubs: ['thanet'],
    phone: '01632 960152',
    lastChecked: '2026-08-26',
  }),
  organisation({
    key: 'harbour-lights-choir',
    name: 'Harbour Lights Community Choir',
    description: 'A friendly choir singing songs from the shows, pop and folk. No auditions.',
    hubs: ['thanet'],
    phone: '01632 960163',
    lastChecked: '2026-05-12',
  }),
  organisation({
    key: 'westgate-walking-netball',
    name: 'Westgate Walking Netball',
    description: 'Waiting for a coordinator to check the details.',
    hubs: ['thanet'],
    phone: '01632 960176',
    status: 'pending',
    lastChecked: '2026-11-12',
  }),

  // Middlesbrough
  organisation({
    key: 'teesside-striders',
    name: 'Teesside Striders',
    description:
      'A walking club for people who want to get moving again, with short health walks twice a week.',
    hubs: ['middlesbrough'],
    phone: '01632 960205',
    lastChecked: '2025-06-24',
  }),
  organisation({
    key: 'linthorpe-hub',
    name: 'Linthorpe Community Hub',
    description:
      'A community centre run by local people, with a lunch club, health checks, a minibus and help getting online.',
    hubs: ['middlesbrough'],
    phone: '01632 960216',
    basedAt: 'linthorpe-hub',
    lastChecked: '2026-09-01',
  }),
  organisation({
    key: 'boro-money-wise',
    name: 'Boro Money Wise',
    description: 'Free advice on benefits, bills and debt, in the library or at home.',
    hubs: ['middlesbrough'],
    phone: '01632 960227',
    lastChecked: '2026-10-28',
  }),
  organisation({
    key: 'boro-carers',
    name: 'Boro Carers Together',
    description: 'A group run by and for unpaid carers: coffee clubs, relaxation sessions and a memory café.',
    hubs: ['middlesbrough'],
    phone: '01632 960238',
    website: null,
    lastChecked: '2026-02-03',
  }),
  organisation({
    key: 'ayresome-arts',
    name: 'Ayresome Arts Collective',
    description:
      'Local artists who open their studio to anyone who wants to paint, draw or make, and who run a choir.',
    hubs: ['middlesbrough'],
    phone: '01632 960249',
    basedAt: 'ayresome-studio',
    lastChecked: '2026-04-22',
  }),
  organisation({
    key: 'tees-riverside-shed',
    name: "Tees Riverside Men's Shed",
    description: 'A shed by the river for woodwork, bike repairs and good company.',
    hubs: ['middlesbrough'],
    phone: '01632 960258',
    basedAt: 'riverside-shed',
    lastChecked: '2025-03-18',
  }),
  organisation({
    key: 'old-town-luncheon-club',
    name: 'Old Town Luncheon Club',
    description: 'This club closed in 2025.',
    hubs: ['middlesbrough'],
    phone: '01632 960269',
    website: null,
    status: 'archived',
    lastChecked: '2025-04-01',
  }),

  // Birmingham
  organisation({
    key: 'balsall-heath-elders',
    name: 'Balsall Heath Elders Forum',
    description:
      'A forum run by older people from many communities. It runs the Elders Centre, a lunch club, an advice surgery and a minibus.',
    hubs: ['birmingham'],
    phone: '0121 496 0114',
    basedAt: 'balsall-heath-elders-centre',
    lastChecked: '2026-08-05',
  }),
  organisation({
    key: 'brum-voices',
    name: 'Brum Voices Community Choir',
    description:
      'A choir for anyone who loves to sing, from gospel to Motown. No auditions and no need to read music.',
    hubs: ['birmingham'],
    phone: '0121 496 0229',
    lastChecked: '2025-12-16',
  }),
  organisation({
    key: 'moseley-memory-friends',
    name: 'Moseley Memory Friends',
    description: 'Volunteers who run a memory café and a support group for carers in Moseley.',
    hubs: ['birmingham'],
    phone: '0121 496 0337',
    website: null,
    lastChecked: '2026-03-30',
  }),
  organisation({
    key: 'digbeth-digital',
    name: 'Digbeth Digital Drop-in',
    description: 'Free help with phones, tablets and computers, in English, Punjabi and Urdu.',
    hubs: ['birmingham'],
    phone: '0121 496 0448',
    basedAt: 'digbeth-canal-rooms',
    lastChecked: '2026-07-21',
  }),
  organisation({
    key: 'sparkbrook-together',
    name: 'Sparkbrook Together',
    description:
      'A neighbourhood group running a community kitchen, a sewing circle and a dance-based exercise class.',
    hubs: ['birmingham'],
    phone: '0121 496 0556',
    basedAt: 'sparkbrook-kitchen',
    lastChecked: '2026-09-29',
  }),
  organisation({
    key: 'reservoir-walkers',
    name: 'Edgbaston Reservoir Walkers',
    description: 'A walking group that meets at the reservoir every week, whatever the weather.',
    hubs: ['birmingham'],
    phone: '0121 496 0663',
    lastChecked: '2026-05-19',
  }),
  organisation({
    key: 'jq-memories',
    name: 'Jewellery Quarter Memories Group',
    description:
      'People who worked in the Jewellery Quarter, sharing its history through talks and old photographs.',
    hubs: ['birmingham'],
    phone: '0121 496 0771',
    website: null,
    lastChecked: '2025-02-25',
  }),

  // Crewe and Nantwich
  organisation({
    key: 'crewe-heritage-walkers',
    name: 'Crewe Heritage Walkers',
    description:
      'Walks around Crewe that tell the story of the railway town, plus a weekly walk in the park.',
    hubs: ['south-cheshire'],
    phone: '01632 960305',
    lastChecked: '2026-10-13',
  }),
  organisation({
    key: 'nantwich-riverside-club',
    name: 'Nantwich Riverside Club',
    description:
      'A social club for older people in Nantwich, with lunches, walks, coffee mornings and help getting online.',
    hubs: ['south-cheshire'],
    phone: '01632 960316',
    basedAt: 'nantwich-riverside-rooms',
    lastChecked: '2026-07-14',
  }),
  organisation({
    key: 'south-cheshire-wheels',
    name: 'South Cheshire Community Wheels',
    description: 'A charity with minibuses and volunteer drivers for people who find buses hard to use.',
    hubs: ['south-cheshire'],
    phone: '01632 960327',
    lastChecked: '2026-05-05',
  }),
  organisation({
    key: 'crewe-mens-shed',
    name: "Crewe Men's Shed",
    description: 'A shed in an old railway building where people make and mend together.',
    hubs: ['south-cheshire'],
    phone: '01632 960338',
    basedAt: 'crewe-shed-workshop',
    lastChecked: '2026-01-27',
  }),
  organisation({
    key: 'nantwich-knit-natter',
    name: 'Nantwich Knit and Natter',
    description:
      'Knitters and crocheters who meet to make things for local babies, hospitals and each other.',
    hubs: ['south-cheshire'],
    phone: '01632 960349',
    website: null,
    lastChecked: '2025-08-12',
  }),
  organisation({
    key: 'crewe-friendship-club',
    name: 'Crewe Friendship Club',
    description:
      'A friendship club that runs a tea dance, a memory café, home visits and a carers’ coffee morning.',
    hubs: ['south-cheshire'],
    phone: '01632 960358',
    lastChecked: '2026-10-13',
  }),

  // Torbay
  organisation({
    key: 'torbay-coastal-walkers',
    name: 'Torbay Coastal Walkers',
    description:
      'Walk leaders who lead gentle walks along the Torbay seafront, and give talks on its history.',
    hubs: ['torbay'],
    phone: '01632 960405',
    lastChecked: '2026-09-08',
  }),
  organisation({
    key: 'paignton-lunch-club',
    name: 'Paignton Seafront Lunch Club',
    description: 'A lunch club by the sea, cooking fresh two-course lunches twice a week.',
    hubs: ['torbay'],
    phone: '01632 960416',
    basedAt: 'paignton-esplanade-rooms',
    lastChecked: '2026-08-18',
  }),
  organisation({
    key: 'riviera-befrienders',
    name: 'English Riviera Befrienders',
    description: 'Volunteers who visit people at home, run a coffee morning and a shopping bus.',
    hubs: ['torbay'],
    phone: '01632 960427',
    lastChecked: '2025-11-25',
  }),
  organisation({
    key: 'torquay-singers',
    name: "Torquay Singers' Circle",
    description: 'A singing group for older people, and a monthly songs and memories group.',
    hubs: ['torbay'],
    phone: '01632 960438',
    website: null,
    lastChecked: '2025-11-25',
  }),
  organisation({
    key: 'torbay-money-help',
    name: 'Torbay Money and Benefits Help',
    description: 'Free, private help to claim what you are owed and to sort out bills and debts.',
    hubs: ['torbay'],
    phone: '01632 960449',
    lastChecked: '2026-06-30',
  }),
  organisation({
    key: 'ellacombe-growing',
    name: 'Ellacombe Growing Together',
    description: 'A growing group that looks after a shared allotment and gives away what it grows.',
    hubs: ['torbay'],
    phone: '01632 960458',
    basedAt: 'barton-hill-allotment',
    lastChecked: '2026-03-03',
  }),
  organisation({
    key: 'bayside-art-club',
    name: 'Bayside Art Club',
    description: 'An art club for beginners and old hands, meeting in a garden café.',
    hubs: ['torbay'],
    phone: '01632 960467',
    website: null,
    lastChecked: '2025-05-13',
  }),
  organisation({
    key: 'torbay-digital-friends',
    name: 'Torbay Digital Friends',
    description: 'Volunteers who help people use phones, tablets and computers, at the library or at home.',
    hubs: ['torbay'],
    phone: '01632 960478',
    lastChecked: '2026-06-30',
  }),

  // Working in several hubs
  organisation({
    key: 'later-life-link',
    name: 'Later Life Link',
    description:
      'A telephone friendship service: a trained volunteer calls you for a chat at the same time each week.',
    hubs: ['sheffield', 'thanet', 'middlesbrough', 'birmingham', 'south-cheshire', 'torbay'],
    phone: '01632 960500',
    lastChecked: '2026-11-03',
  }),
  organisation({
    key: 'steady-steps',
    name: 'Steady Steps',
    description:
      'Strength and balance classes that help prevent falls, led by qualified instructors in local halls.',
    hubs: ['sheffield', 'thanet', 'middlesbrough', 'south-cheshire', 'torbay'],
    phone: '01632 960511',
    lastChecked: '2026-07-28',
  }),
  organisation({
    key: 'listen-easy',
    name: 'Listen Easy Hearing Aid Clinics',
    description: 'Trained volunteers who clean and re-tube NHS hearing aids and give advice on hearing loss.',
    hubs: ['sheffield', 'thanet', 'birmingham', 'torbay'],
    phone: '01632 960522',
    lastChecked: '2026-04-14',
  }),
]
