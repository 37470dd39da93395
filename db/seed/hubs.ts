import type { HubSeed } from './types'

/**
 * The demo hubs: real towns where later-life programmes run. Everything else about them
 * (descriptions, meeting places, phone numbers and email addresses) is made up: the phone
 * numbers are Ofcom drama numbers and the email addresses are at example.org.
 */
export const HUBS: HubSeed[] = [
  {
    slug: 'sheffield',
    name: 'Sheffield',
    centre: 'Sheffield',
    description:
      'Neighbours across Sheffield who share what they know, from fixing bikes to filling in forms. ' +
      'We meet once a month to swap news, try new ideas and welcome new faces. Come along, even if you only want a cup of tea.',
    radiusMiles: 4,
    boundary: null,
    phone: '0114 496 0001',
    email: 'sheffield.hub@example.org',
    meetingTimes: 'First Monday of the month, 2pm to 4pm',
    meetingPlaceDescription: 'In the big room at the back. Tea and biscuits are free.',
    meetingPlace: 'kelham-community-rooms',
    createdAt: '2025-01-13T10:00:00Z',
  },
  {
    slug: 'thanet',
    name: 'Thanet: Margate, Ramsgate, Broadstairs',
    centre: 'Margate',
    description:
      'A hub for the three seaside towns of Thanet. Members run walks along the coast, help each other get online ' +
      'and keep an eye out for neighbours who live alone. New members are always welcome.',
    radiusMiles: null,
    // Roughly the Isle of Thanet, from Birchington round to Pegwell Bay. Counter-clockwise, as GeoJSON asks.
    boundary: {
      type: 'Polygon',
      coordinates: [
        [
          [1.3, 51.385],
          [1.3, 51.34],
          [1.34, 51.318],
          [1.4, 51.312],
          [1.44, 51.325],
          [1.456, 51.355],
          [1.456, 51.385],
          [1.425, 51.398],
          [1.385, 51.396],
          [1.33, 51.392],
          [1.3, 51.385],
        ],
      ],
    },
    phone: '01632 960001',
    email: 'thanet.hub@example.org',
    meetingTimes: 'Second Wednesday of the month, 11am to 1pm',
    meetingPlaceDescription: 'Stay for lunch after the meeting if you like.',
    meetingPlace: 'cliftonville-kitchen',
    createdAt: '2025-01-20T10:00:00Z',
  },
  {
    slug: 'middlesbrough',
    name: 'Middlesbrough',
    centre: 'Middlesbrough',
    description:
      'Older people in Middlesbrough who like to get things done. We share skills, run a lunch club and help each other ' +
      'with money worries. Our meetings are friendly and short, with plenty of tea.',
    radiusMiles: 4,
    boundary: null,
    phone: '01632 960002',
    email: 'middlesbrough.hub@example.org',
    meetingTimes: 'Last Thursday of the month, 1:30pm to 3pm',
    meetingPlaceDescription: 'In the meeting room on the ground floor.',
    meetingPlace: 'linthorpe-hub',
    createdAt: '2025-02-03T10:00:00Z',
  },
  {
    slug: 'birmingham',
    name: 'Birmingham',
    centre: 'Birmingham',
    description:
      'A hub for inner Birmingham, from Digbeth to Moseley. Members speak many languages between them and love to cook, ' +
      'sing and share stories. We meet every month and everyone gets an equal say.',
    radiusMiles: 4,
    boundary: null,
    phone: '0121 496 0001',
    email: 'birmingham.hub@example.org',
    meetingTimes: 'First Friday of the month, 11am to 12:30pm',
    meetingPlaceDescription: 'In the main hall. Bring a friend if you like.',
    meetingPlace: 'balsall-heath-elders-centre',
    createdAt: '2025-02-17T10:00:00Z',
  },
  {
    slug: 'south-cheshire',
    name: 'Crewe and Nantwich',
    centre: 'Crewe',
    description:
      'Neighbours in Crewe, Nantwich and the villages between. We are proud of our railway town history and keen gardeners. ' +
      'We help people get to groups and appointments when the buses are no good.',
    radiusMiles: 6,
    boundary: null,
    phone: '01632 960003',
    email: 'south-cheshire.hub@example.org',
    meetingTimes: 'Third Tuesday of the month, 10:30am to 12 noon',
    meetingPlaceDescription: 'Upstairs. There is a lift by the main door.',
    meetingPlace: 'crewe-market-hall-rooms',
    createdAt: '2025-03-10T10:00:00Z',
  },
  {
    slug: 'torbay',
    name: 'Torbay: Torquay and Paignton',
    centre: 'Torquay',
    description:
      'A hub for Torquay and Paignton. Many of us moved here to retire and know how hard it can be to make new friends. ' +
      'We run coffee mornings, coastal walks and a choir, and we are always glad of new ideas.',
    radiusMiles: 4,
    boundary: null,
    phone: '01632 960004',
    email: 'torbay.hub@example.org',
    meetingTimes: 'Second Monday of the month, 2pm to 3:30pm',
    meetingPlaceDescription: 'In the room with the sea view, on the first floor.',
    meetingPlace: 'torquay-harbourside-rooms',
    createdAt: '2025-03-24T10:00:00Z',
  },
]
