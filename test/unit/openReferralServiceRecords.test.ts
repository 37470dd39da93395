/**
 * Reading an Open Referral UK service as our listing (issue 14), without a database: times,
 * costs and categories HSDS can say in ways we cannot, each kept or left out with a note.
 */
import { FeedChecker, type FeedLookups } from '../../server/services/directory/openReferral/serviceRecords'

const lookups: FeedLookups = {
  categories: new Map([
    ['walking-groups', 'walking-groups'],
    ['walking groups', 'walking-groups'],
    ['ramble', 'walking-groups'],
    ['lunch-clubs', 'lunch-clubs'],
  ]),
  accessFeatures: new Map([['step-free', 'step-free']]),
  postcodePoint: (postcode) => (postcode === 'CT9 1ZA' ? { latitude: 51.39, longitude: 1.38 } : undefined),
  townPoint: (town) => (town === 'Margate' ? { latitude: 51.38, longitude: 1.38 } : undefined),
  existingService: () => undefined,
  today: '2026-12-02',
}

/** One service through a fresh checker: what it became, and the notes on it. */
function read(changes: Record<string, unknown>) {
  const checker = new FeedChecker(lookups)
  const prepared = checker.add({ id: 's1', name: 'Walk', organization: { name: 'Walkers' }, ...changes })
  return {
    prepared,
    notes: checker.notes.map((note) => `${note.column}: ${note.message}`),
    problems: checker.problems,
  }
}

describe('reading an Open Referral UK service', () => {
  it('keeps weekly, monthly and last-of-the-month times, and leaves out what is neither', () => {
    const { prepared, notes } = read({
      schedules: [
        { freq: 'WEEKLY', interval: 2, byday: 'MO,WE', opens_at: '09:30:00', closes_at: '11:00:00' },
        { freq: 'MONTHLY', byday: '-1FR', opens_at: '14:00' },
        { freq: 'DAILY', opens_at: '08:00' },
        { freq: 'WEEKLY', byday: '5TU' },
        { freq: 'WEEKLY', opens_at: '10:00' },
      ],
    })
    expect(prepared?.schedules).toEqual([
      {
        byday: 'MO',
        opensAt: '09:30',
        closesAt: '11:00',
        freq: 'WEEKLY',
        interval: 2,
        weekOfMonth: null,
        description: '',
        place: null,
      },
      {
        byday: 'WE',
        opensAt: '09:30',
        closesAt: '11:00',
        freq: 'WEEKLY',
        interval: 2,
        weekOfMonth: null,
        description: '',
        place: null,
      },
      {
        byday: 'FR',
        opensAt: '14:00',
        closesAt: null,
        freq: 'MONTHLY',
        interval: 1,
        weekOfMonth: -1,
        description: '',
        place: null,
      },
    ])
    expect(notes).toEqual([
      'schedules[2].freq: We keep weekly and monthly times only, not ‘DAILY’, so this time was left out',
      'schedules[3].byday: ‘5TU’ is not a day we can keep, so it was left out',
      'schedules[4].byday: It names no day of the week, so this time was left out',
    ])
  })

  it('matches terms by our codes, names and other words, and notes the rest', () => {
    const { prepared, notes } = read({
      attributes: [
        { taxonomy_term: { code: 'walking-groups', name: 'Walking' } },
        { taxonomy_term: { name: 'Ramble' } },
        { taxonomy_term: { name: 'Comes to your home' } },
        { taxonomy_term: { name: 'Knitting circles' } },
      ],
    })
    expect(prepared?.categories).toEqual(['walking-groups'])
    expect(prepared?.comesToHome).toBe(true)
    expect(notes).toEqual([
      'attributes[3].taxonomy_term: ‘Knitting circles’ is not one of our categories, so it was left out',
    ])
  })

  it('reads one cost as an amount, nothing as free only when the source says so, and more costs in words', () => {
    // "a session" is what the amount is for: our cost option, not words of its own.
    expect(read({ cost_options: [{ amount: 2.5, amount_description: 'a session' }] }).prepared).toMatchObject(
      {
        isFree: false,
        costAmountPence: 250,
        costOption: 'session',
        costDescription: null,
      },
    )
    expect(read({ cost_options: [{ amount: 0 }] }).prepared).toMatchObject({
      isFree: true,
      costAmountPence: null,
    })
    expect(read({}).prepared).toMatchObject({ isFree: false, costAmountPence: null, costDescription: null })
    const two = read({
      cost_options: [
        { amount: 3, option: 'Members' },
        { amount: 5, option: 'Visitors' },
      ],
    })
    expect(two.prepared).toMatchObject({ costAmountPence: 300, costDescription: '£3 Members. £5 Visitors' })
    expect(two.notes).toEqual(['cost_options[1]: We keep one amount: this one is in the cost’s words'])
  })

  it('reads a cost as our own API writes it back into its amount, what it is for and its own words, once', () => {
    expect(
      read({
        fees: '£3 a session (first session free)',
        cost_options: [
          { option: 'A session', amount: 3, amount_description: '£3 a session (first session free)' },
        ],
      }).prepared,
    ).toMatchObject({
      isFree: false,
      costAmountPence: 300,
      costOption: 'session',
      costDescription: 'first session free',
    })
    expect(
      read({
        fees: '50p a cup',
        cost_options: [{ option: 'A cup', amount: 0.5, amount_description: '50p a cup' }],
      }).prepared,
    ).toMatchObject({ costAmountPence: 50, costOption: 'cup', costDescription: null })
    // A free listing keeps what else it says.
    expect(
      read({
        fees: 'Free (tea and biscuits included)',
        cost_options: [{ option: 'Free', amount: 0, amount_description: 'Free (tea and biscuits included)' }],
      }).prepared,
    ).toMatchObject({ isFree: true, costAmountPence: null, costDescription: 'tea and biscuits included' })
    // Words alone: "Free" is free, but "Free for carers" is not free for everyone.
    expect(read({ fees: 'Free' }).prepared).toMatchObject({ isFree: true, costDescription: null })
    expect(read({ fees: 'Free for carers; buy your own drink' }).prepared).toMatchObject({
      isFree: false,
      costAmountPence: null,
      costDescription: 'Free for carers; buy your own drink',
    })
  })

  it('keeps a time at the place it names, and its own words without the words its fields already say', () => {
    const { prepared } = read({
      service_at_locations: [
        { id: 'link-hall', location: { id: 'hall', name: 'Hall', latitude: 51.4, longitude: 1.4 } },
        { id: 'link-church', location: { id: 'church', name: 'Church', latitude: 51.5, longitude: 1.5 } },
      ],
      schedules: [
        {
          service_at_location_id: 'link-church',
          freq: 'WEEKLY',
          byday: 'TU',
          opens_at: '10:00:00',
          closes_at: '12:00:00',
          description: 'Every Tuesday, 10am to 12 noon (bring a packed lunch)',
        },
        { freq: 'WEEKLY', byday: 'TH', opens_at: '14:00:00', description: 'Every Thursday, from 2pm' },
        { service_at_location_id: 'nowhere', freq: 'WEEKLY', byday: 'FR', description: 'Ring first' },
      ],
    })
    expect(prepared?.places.map((place) => place.name)).toEqual(['Hall', 'Church'])
    expect(
      prepared?.schedules.map(({ byday, place, description }) => ({ byday, place, description })),
    ).toEqual([
      { byday: 'TU', place: 1, description: 'bring a packed lunch' },
      { byday: 'TH', place: null, description: '' },
      { byday: 'FR', place: null, description: 'Ring first' },
    ])
  })

  it('keeps what a place has said it does not have as a no, never a yes', () => {
    const { prepared } = read({
      service_at_locations: [
        {
          location: {
            name: 'Hall',
            latitude: 51.4,
            longitude: 1.4,
            accessibility: [
              {
                description: 'Step-free access: no',
                accessibility: 'Step-free access: no',
                available: false,
              },
              { description: 'Hearing loop: yes', details: 'In the main room', available: true },
            ],
          },
        },
      ],
    })
    expect(prepared?.places[0]?.access).toEqual([
      { code: 'step-free', available: false, details: null },
      { code: 'hearing-loop', available: true, details: 'In the main room' },
    ])
  })

  it('reads how a service reaches people from a service area in our own API’s words, and only then', () => {
    const area = (words: string) => read({ service_areas: [{ name: words, service_area: words }] }).prepared
    expect(area('Comes to your home, by phone, in the Thanet area')).toMatchObject({
      comesToHome: true,
      byPhone: true,
      online: false,
    })
    expect(area('Online, in the Sheffield area')).toMatchObject({ online: true, comesToHome: false })
    expect(area('Margate, by phone, in the Thanet area')).toMatchObject({ byPhone: false })
    expect(area('Kent')).toMatchObject({ comesToHome: false, byPhone: false, online: false })
  })

  it('places a location by its point, else its postcode, else its town, and leaves out one it cannot place', () => {
    const at = (location: Record<string, unknown>) =>
      read({ service_at_locations: [{ location: { name: 'Hall', ...location } }] })
    expect(at({ latitude: 51.4, longitude: 1.4 }).prepared?.places[0]?.point).toEqual({
      latitude: 51.4,
      longitude: 1.4,
    })
    expect(at({ addresses: [{ postal_code: 'ct91za' }] }).prepared?.places[0]).toMatchObject({
      postalCode: 'CT9 1ZA',
      point: { latitude: 51.39, longitude: 1.38 },
    })
    expect(at({ addresses: [{ city: 'Margate' }] }).prepared?.places[0]?.point).toEqual({
      latitude: 51.38,
      longitude: 1.38,
    })
    const nowhere = at({ addresses: [{ city: 'Atlantis' }] })
    expect(nowhere.prepared?.places).toEqual([])
    expect(nowhere.notes).toEqual([
      'service_at_locations[0].location: We could not put ‘Hall’ on the map (it needs a point, a postcode we know or a town), so the service is imported without it',
    ])
    expect(at({ location_type: 'virtual' }).prepared).toMatchObject({ online: true, places: [] })
  })

  it('takes nothing from a named contact, a person, but takes an unnamed desk’s phone and email', () => {
    const named = read({
      contacts: [{ name: 'Ann Persona', phones: [{ number: '07700 900123' }], email: 'ann@example.org' }],
    })
    expect(named.prepared).toMatchObject({ phone: null, email: null })
    expect(named.notes).toEqual([
      'contacts[0]: A named person’s details are not imported, so this contact was left out',
    ])
    const desk = read({ contacts: [{ phones: [{ number: '01632 960999' }], email: 'desk@example.org' }] })
    expect(desk.prepared).toMatchObject({ phone: '01632 960999', email: 'desk@example.org' })
    // Named as the service or its organisation (as our own API names a service's way to get
    // in touch), it is the service's own desk too.
    for (const name of ['Walk', 'walkers'])
      expect(
        read({
          contacts: [{ name, title: 'How to get in touch', phones: [{ number: '01632 960998' }] }],
        }).prepared,
      ).toMatchObject({ phone: '01632 960998' })
  })

  it('refuses two services with the same id, and a name that is not text', () => {
    const checker = new FeedChecker(lookups)
    checker.add({ id: 'same', name: 'One', organization: { name: 'Org' } })
    checker.add({ id: 'same', name: 'Two', organization: { name: 'Org' } })
    checker.add({ id: 'other', name: 42, organization: { name: 'Org' } })
    expect(checker.problems).toEqual([
      { row: 2, column: 'id', message: 'The id same is used by service 1 too' },
      { row: 3, column: 'name', message: 'This must be text' },
    ])
  })
})
