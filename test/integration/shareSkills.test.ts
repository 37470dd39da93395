/**
 * "Share your skills", as a volunteer goes through it: one question a page, signed in, with
 * the form's token on every page, to "Check your answers" and the confirmation. Then the
 * profile appears exactly where the chosen visibility allows, and nowhere else. Back, Change
 * and a session that timed out keep the answers; each page says what is wrong, keeping what
 * was typed; free text with contact details is refused.
 */
import { importDemoPostcodesIfEmpty } from '../../db/demoPostcodes'
import type { Visibility } from '../../server/services/sharing/contract'
import { aHub, aPlace, aService } from '../builders'
import { aBrowser, aMovableClock, anAccount, csrfIn, latestEmailTo } from '../support/accounts'
import { aDatabase, aTestApp, type TestApp } from '../support/testApp'
import { withTowns } from '../support/towns'

// Each story signs in, hashing a password with Argon2id: slow on a busy machine.
jest.setTimeout(120_000)

type Browser = ReturnType<typeof aBrowser>
type SignedInBrowser = Browser & { accountId: number }

const CLIFTONVILLE = { latitude: 51.388, longitude: 1.4 }
/** Each story's volunteer, by what they choose: nothing else in these databases is called this. */
const VOLUNTEERS: Record<Visibility, { firstName: string; lastName: string }> = {
  public: { firstName: 'Philippa', lastName: 'Quenby' },
  hub: { firstName: 'Rosalind', lastName: 'Tarrant' },
  coordinators: { firstName: 'Millicent', lastName: 'Oakshott' },
}

/** A small world: Thanet (holding Broadstairs, CT10) and Sheffield, a tablet class near Margate. */
async function aSmallWorld(options: { clock?: ReturnType<typeof aMovableClock> } = {}): Promise<TestApp> {
  const db = withTowns(aDatabase())
  await importDemoPostcodesIfEmpty(db)
  aHub(db, { name: 'Thanet', slug: 'thanet', latitude: 51.36, longitude: 1.4, radiusMiles: 6 })
  aHub(db, { name: 'Sheffield', slug: 'sheffield', latitude: 53.38, longitude: -1.47, radiusMiles: 6 })
  aService(db, { name: 'Tablet help', placeIds: [aPlace(db, CLIFTONVILLE)] })
  return aTestApp({ db, config: { privacyMinCount: 5 }, clock: options.clock })
}

/** A page's HTML with the entities Handlebars writes in addresses ("=" and "&") read back. */
const decoded = (html: string): string => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')

const hubId = (testApp: TestApp, slug: string): number =>
  (testApp.db.prepare('SELECT id FROM hubs WHERE slug = ?').get(slug) as { id: number }).id

/** A signed-in browser for a new account, and the account's id. */
async function signedIn(
  testApp: TestApp,
  input: Parameters<typeof anAccount>[1] = {},
): Promise<SignedInBrowser> {
  const account = await anAccount(testApp.db, input)
  const browser = aBrowser(testApp.app, { clock: testApp.services.clock })
  const response = await browser.signIn(account.email, account.password)
  expect(response.status).toBe(303)
  return Object.assign(browser, { accountId: account.id })
}

const stepPath = (step: string, from?: 'check' | 'profile') =>
  `/share-your-skills/${step}${from ? `?from=${from}` : ''}`

/** Opens a question page and sends its form with these answers, as the person would. */
async function answer(
  browser: Browser,
  step: string,
  fields: Record<string, string | string[]>,
  from?: 'check' | 'profile',
) {
  const page = await browser.get(stepPath(step, from))
  expect(page.status).toBe(200)
  const version = /name="version" value="([^"]*)"/.exec(page.text)?.[1]
  return browser.agent
    .post(stepPath(step, from))
    .type('form')
    .send({ ...fields, ...(step === 'agreement' && version ? { version } : {}), _csrf: csrfIn(page.text) })
}

const ANSWERS = (visibility: Visibility): [string, Record<string, string | string[]>][] => [
  ['name', VOLUNTEERS[visibility]],
  ['where', { where: 'CT10 1AB' }],
  ['hub', { hub: 'thanet' }],
  ['skills', { skills: ['tablets-and-phones'], skillsInOwnWords: 'Patient with beginners' }],
  [
    'sharing',
    {
      wouldLikeToShare: 'Showing people how to video call',
      howOften: 'few-hours-month',
      availability: 'Mornings',
    },
  ],
  ['contact', { contactWays: 'phone', phone: '01632 960 001', email: '' }],
  ['who-can-see', { visibility }],
  ['agreement', { agree: 'yes' }],
]

/** Goes through every question, each page leading to the next, then shares from "Check your answers". */
async function shareSkills(browser: Browser, visibility: Visibility): Promise<void> {
  const answers = ANSWERS(visibility)
  for (const [index, [step, fields]] of answers.entries()) {
    const response = await answer(browser, step, fields)
    expect({ step, status: response.status, location: response.headers.location }).toEqual({
      step,
      status: 303,
      location: stepPath(answers[index + 1]?.[0] ?? 'check'),
    })
  }
  const check = await browser.get(stepPath('check'))
  expect(check.text).toContain('Check your answers')
  const shared = await browser.agent
    .post(stepPath('check'))
    .type('form')
    .send({ _csrf: csrfIn(check.text) })
  expect(shared.status).toBe(303)
  expect(shared.headers.location).toBe('/share-your-skills/done')
  const done = await browser.get('/share-your-skills/done')
  expect(done.text).toContain('You are sharing your skills')
  expect(done.text).toContain('href="/your-profile"')
}

/** The pages where a person's name could show, each as one viewer would ask for it. */
const PAGES = [
  '/',
  '/people',
  '/people?hub=thanet',
  '/people?hub=sheffield',
  '/hubs/thanet',
  '/hubs/sheffield',
  '/search?q=tablet&where=Margate',
  '/map/list?bbox=1.2,51.3,1.5,51.4&zoom=12',
] as const

type ViewerName =
  'visitor' | 'thanetMember' | 'sheffieldMember' | 'thanetCoordinator' | 'sheffieldCoordinator'

describe('sharing your skills, for each choice of who can see them', () => {
  // Where the profile must be seen, and where it may also be seen; everywhere else, never.
  const EXPECTED: Record<Visibility, { must: [ViewerName, string][]; may: [ViewerName, string][] }> = {
    public: {
      must: [
        ['visitor', '/people'],
        ['visitor', '/people?hub=thanet'],
        ['visitor', '/hubs/thanet'],
        ['visitor', '/search?q=tablet&where=Margate'],
        ['sheffieldMember', '/people?hub=thanet'],
      ],
      may: (
        [
          'thanetMember',
          'sheffieldMember',
          'thanetCoordinator',
          'sheffieldCoordinator',
          'visitor',
        ] as ViewerName[]
      ).flatMap((viewer) =>
        ['/people', '/people?hub=thanet', '/hubs/thanet', '/search?q=tablet&where=Margate'].map(
          (path) => [viewer, path] as [ViewerName, string],
        ),
      ),
    },
    hub: {
      must: [
        ['thanetMember', '/people?hub=thanet'],
        ['thanetCoordinator', '/people?hub=thanet'],
      ],
      may: [
        ['thanetMember', '/people'],
        ['thanetCoordinator', '/people'],
      ],
    },
    coordinators: {
      must: [['thanetCoordinator', '/people?hub=thanet']],
      may: [['thanetCoordinator', '/people']],
    },
  }

  let testApp: TestApp
  let viewers: Record<ViewerName, Browser>
  beforeAll(async () => {
    testApp = await aSmallWorld()
    const thanet = hubId(testApp, 'thanet')
    const sheffield = hubId(testApp, 'sheffield')
    viewers = {
      visitor: aBrowser(testApp.app),
      thanetMember: await signedIn(testApp, { hubIds: [thanet] }),
      sheffieldMember: await signedIn(testApp, { hubIds: [sheffield] }),
      thanetCoordinator: await signedIn(testApp, { role: 'coordinator', hubIds: [thanet] }),
      sheffieldCoordinator: await signedIn(testApp, { role: 'coordinator', hubIds: [sheffield] }),
    }
  })

  it.each(['public', 'hub', 'coordinators'] as const)(
    'with "%s", the profile appears exactly where that allows, and nowhere else',
    async (visibility) => {
      const { firstName, lastName } = VOLUNTEERS[visibility]
      const volunteer = await signedIn(testApp)
      await shareSkills(volunteer, visibility)

      const seen: string[] = []
      for (const [viewer, browser] of Object.entries(viewers) as [ViewerName, Browser][]) {
        for (const path of PAGES) {
          const response = await browser.get(path)
          expect(response.status).toBeLessThan(400)
          if (response.text.includes(firstName)) seen.push(`${viewer} ${path}`)
          // Whoever looks, never the last name or the phone number.
          expect(response.text).not.toContain(lastName)
          expect(response.text).not.toContain('01632 960 001')
        }
      }
      const { must, may } = EXPECTED[visibility]
      const allowed = new Set([...must, ...may].map(([viewer, path]) => `${viewer} ${path}`))
      expect(seen).toEqual(expect.arrayContaining(must.map(([viewer, path]) => `${viewer} ${path}`)))
      expect(seen.filter((place) => !allowed.has(place))).toEqual([])
      if (visibility === 'public') expect(seen).toContain('visitor /search?q=tablet&where=Margate')
    },
  )
})

describe('starting, with or without an account', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await aSmallWorld()
  })

  it('the start page says what happens, what others see and how long it takes, with "Start now"', async () => {
    const page = await aBrowser(testApp.app).get('/share-your-skills')
    expect(page.status).toBe(200)
    expect(page.text).toContain('<h1 class="govuk-heading-xl">Share your skills with your local hub</h1>')
    expect(page.text).toContain('It takes about 10 minutes')
    expect(page.text).toContain('We never show your phone number, email address or where you live')
    expect(page.text).toContain('You can change what you share, pause it or delete it at any time')
    expect(page.text).toMatch(/href="\/share-your-skills\/name"[^>]*class="govuk-button govuk-button--start"/)
  })

  it('is linked from the start page and from every hub page, which carries the hub', async () => {
    const visitor = aBrowser(testApp.app)
    for (const [path, link] of [
      ['/', '/share-your-skills'],
      ['/hubs/thanet', '/share-your-skills?hub=thanet'],
      ['/hubs/sheffield', '/share-your-skills?hub=sheffield'],
    ]) {
      expect(decoded((await visitor.get(path as string)).text)).toContain(
        `<a class="govuk-link" href="${link}">Share your skills with your local hub</a>`,
      )
    }
  })

  it('started from a hub’s page, "Your hub" has that hub chosen until the person chooses', async () => {
    const volunteer = await signedIn(testApp)
    const start = decoded((await volunteer.get('/share-your-skills?hub=thanet')).text)
    expect(start).toMatch(
      /href="\/share-your-skills\/name\?hub=thanet"[^>]*class="govuk-button govuk-button--start"/,
    )
    const page = await volunteer.get('/share-your-skills/name?hub=thanet')
    const named = await volunteer.agent
      .post('/share-your-skills/name?hub=thanet')
      .type('form')
      .send({ firstName: 'Hattie', lastName: '', _csrf: csrfIn(page.text) })
    expect(decoded(named.headers.location as string)).toBe('/share-your-skills/where?hub=thanet')
    const wherePage = await volunteer.get('/share-your-skills/where?hub=thanet')
    const placed = await volunteer.agent
      .post('/share-your-skills/where?hub=thanet')
      .type('form')
      .send({ where: 'CT10 1AB', _csrf: csrfIn(wherePage.text) })
    expect(decoded(placed.headers.location as string)).toBe('/share-your-skills/hub?hub=thanet')
    const hub = await volunteer.get('/share-your-skills/hub?hub=thanet')
    expect(hub.text).toMatch(/value="thanet" checked/)
    // A hub that does not exist is not carried.
    expect(decoded((await volunteer.get('/share-your-skills?hub=nowhere')).text)).not.toContain('hub=nowhere')
  })

  it('someone not signed in is offered an account or sign-in, which brings them back to the question', async () => {
    const account = await anAccount(testApp.db)
    const visitor = aBrowser(testApp.app)
    const offered = await visitor.get('/share-your-skills/name')
    expect(offered.status).toBe(200)
    expect(offered.text).toContain('Sign in or create an account to share your skills')
    expect(decoded(offered.text)).toContain('href="/create-account?return=%2Fshare-your-skills%2Fname"')
    expect(decoded(offered.text)).toContain('href="/sign-in?return=%2Fshare-your-skills%2Fname"')
    expect(offered.text).not.toContain('name="firstName"')

    const signInPage = await visitor.get('/sign-in?return=%2Fshare-your-skills%2Fname')
    const signedInNow = await visitor.agent
      .post('/sign-in')
      .type('form')
      .send({
        email: account.email,
        password: account.password,
        return: '/share-your-skills/name',
        _csrf: csrfIn(signInPage.text),
      })
    expect(signedInNow.headers.location).toBe('/share-your-skills/name')
    expect((await visitor.get('/share-your-skills/name')).text).toContain('name="firstName"')
  })

  it('someone new creates an account and, once they confirm their email address, carries on with the questions', async () => {
    const visitor = aBrowser(testApp.app)
    const createPage = await visitor.get('/create-account?return=%2Fshare-your-skills%2Fname')
    expect(createPage.text).toContain('<input type="hidden" name="return" value="/share-your-skills/name">')
    const created = await visitor.agent
      .post('/create-account')
      .type('form')
      .send({
        email: 'norah.new@example.org',
        name: 'Norah',
        password: 'purple kettle garden bus',
        return: '/share-your-skills/name',
        _csrf: csrfIn(createPage.text),
      })
    expect(created.text).toContain('Check your email')

    const { link } = latestEmailTo(testApp.db, 'norah.new@example.org')
    expect(link).toContain('return=%2Fshare-your-skills%2Fname')
    const confirmPage = await visitor.get(link)
    const confirmed = await visitor.agent
      .post('/confirm-email')
      .type('form')
      .send({
        token: new URL(link, 'http://x').searchParams.get('token') ?? '',
        return: /name="return" value="([^"]*)"/.exec(confirmPage.text)?.[1] ?? '',
        _csrf: csrfIn(confirmPage.text),
      })
    expect(confirmed.status).toBe(303)
    expect(confirmed.headers.location).toBe('/share-your-skills/name')
  })

  it('a return path to another site is never followed after confirming', async () => {
    const visitor = aBrowser(testApp.app)
    const createPage = await visitor.get('/create-account?return=%2F%2Fevil.example')
    expect(createPage.text).not.toContain('evil.example')
  })

  it('someone who already shares their skills is offered "Your profile" instead', async () => {
    const volunteer = await signedIn(testApp)
    await shareSkills(volunteer, 'public')
    const page = await volunteer.get('/share-your-skills')
    expect(page.text).toContain('href="/your-profile"')
    expect(page.text).not.toContain('Start now')
  })

  it('someone with a profile changes one answer from "Your profile", saved straight to it', async () => {
    const volunteer = await signedIn(testApp)
    await shareSkills(volunteer, 'hub')
    const page = await volunteer.get('/share-your-skills/sharing?from=profile')
    expect(page.text).toContain('href="/your-profile" class="govuk-back-link"')
    const saved = await answer(
      volunteer,
      'sharing',
      {
        wouldLikeToShare: 'Reading aloud',
        howOften: 'most-weeks',
        availability: '',
      },
      'profile',
    )
    expect(saved.status).toBe(303)
    expect(saved.headers.location).toBe('/your-profile')
    const { answers, hasProfile } = testApp.services.sharing.answersOf(volunteer.accountId)
    expect(hasProfile).toBe(true)
    expect(answers.wouldLikeToShare).toBe('Reading aloud')
    expect(answers.howOften).toBe('most-weeks')
  })
})

describe('answers are kept', () => {
  it('going Back shows each answer given, and Change returns to "Check your answers" with the new answer', async () => {
    const testApp = await aSmallWorld()
    const volunteer = await signedIn(testApp)
    for (const [step, fields] of ANSWERS('public').slice(0, 3)) await answer(volunteer, step, fields)

    // "Back" on the skills page is a real link to the hub page, where Thanet is still chosen.
    const skills = await volunteer.get('/share-your-skills/skills')
    expect(skills.text).toContain('<a href="/share-your-skills/hub" class="govuk-back-link">Back</a>')
    const hub = await volunteer.get('/share-your-skills/hub')
    expect(hub.text).toMatch(/value="thanet" checked/)
    const name = await volunteer.get('/share-your-skills/name')
    expect(name.text).toContain('value="Philippa"')
    // A refresh of the page shows the same.
    expect((await volunteer.get('/share-your-skills/name')).text).toContain('value="Quenby"')

    for (const [step, fields] of ANSWERS('public').slice(3)) await answer(volunteer, step, fields)
    const check = await volunteer.get('/share-your-skills/check')
    expect(decoded(check.text)).toContain('href="/share-your-skills/name?from=check"')
    expect(check.text).toContain('Philippa')
    const changed = await answer(volunteer, 'name', { firstName: 'Pippa', lastName: 'Quenby' }, 'check')
    expect(changed.headers.location).toBe('/share-your-skills/check')
    const after = await volunteer.get('/share-your-skills/check')
    expect(after.text).toContain('Pippa')
    // A new place may mean a new hub: Change "Where you live" asks the hub next, then comes back.
    const moved = await answer(volunteer, 'where', { where: 'CT10 1AB' }, 'check')
    expect(decoded(moved.headers.location as string)).toBe('/share-your-skills/hub?from=check')
    const hubAgain = await answer(volunteer, 'hub', { hub: 'thanet' }, 'check')
    expect(hubAgain.headers.location).toBe('/share-your-skills/check')
    // The other answers are all still there.
    expect(after.text).toContain('Showing people how to video call')
    expect(after.text).toContain('A few hours a month')
  })

  it('a session that timed out part way sends the person to sign in, then back to the same question with the answers kept', async () => {
    const clock = aMovableClock()
    const testApp = await aSmallWorld({ clock })
    const account = await anAccount(testApp.db)
    const volunteer = aBrowser(testApp.app, { clock })
    await volunteer.signIn(account.email, account.password)
    for (const [step, fields] of ANSWERS('public').slice(0, 4)) await answer(volunteer, step, fields)

    clock.advance(31 * 24 * 60 * 60 * 1000)
    const timedOut = await volunteer.get('/share-your-skills/skills')
    expect(timedOut.status).toBe(303)
    expect(timedOut.headers.location).toBe('/sign-in?return=%2Fshare-your-skills%2Fskills&timed-out=yes')

    const signInPage = await volunteer.get(timedOut.headers.location as string)
    expect(signInPage.text).toContain('You were signed out')
    const back = await volunteer.agent
      .post('/sign-in')
      .type('form')
      .send({
        email: account.email,
        password: account.password,
        return: '/share-your-skills/skills',
        _csrf: csrfIn(signInPage.text),
      })
    expect(back.headers.location).toBe('/share-your-skills/skills')
    const skills = await volunteer.get('/share-your-skills/skills')
    expect(skills.text).toMatch(/value="tablets-and-phones" checked/)
    expect(skills.text).toContain('Patient with beginners')
  })

  it('the start page offers to carry on where the person left off', async () => {
    const testApp = await aSmallWorld()
    const volunteer = await signedIn(testApp)
    for (const [step, fields] of ANSWERS('public').slice(0, 2)) await answer(volunteer, step, fields)
    const start = await volunteer.get('/share-your-skills')
    expect(start.text).toContain('Carry on where you left off')
    expect(start.text).toMatch(/href="\/share-your-skills\/hub"[^>]*class="govuk-button govuk-button--start"/)
  })

  it('a question later than the first one still to answer sends the person to that one', async () => {
    const testApp = await aSmallWorld()
    const volunteer = await signedIn(testApp)
    await answer(volunteer, 'name', { firstName: 'Ada', lastName: '' })
    const skipped = await volunteer.get('/share-your-skills/agreement')
    expect(skipped.status).toBe(303)
    expect(skipped.headers.location).toBe('/share-your-skills/where')
    // "Share my skills" sent too soon goes to the first question still to answer, sharing nothing.
    const page = await volunteer.get('/share-your-skills/where')
    const tooSoon = await volunteer.agent
      .post('/share-your-skills/check')
      .type('form')
      .send({ _csrf: csrfIn(page.text) })
    expect(tooSoon.headers.location).toBe('/share-your-skills/where')
    expect(testApp.services.sharing.answersOf(volunteer.accountId).hasProfile).toBe(false)
  })
})

describe('"Where do you live?"', () => {
  it('asks "Which one did you mean?" for a name two places share, and keeps only the postcode district', async () => {
    const testApp = await aSmallWorld()
    const volunteer = await signedIn(testApp)
    await answer(volunteer, 'name', { firstName: 'Gwen', lastName: '' })
    const asked = await answer(volunteer, 'where', { where: 'Newport' })
    expect(asked.status).toBe(200)
    expect(asked.text).toContain('Which Newport did you mean?')
    expect(asked.text.match(/name="where" type="radio"/g)).toHaveLength(2)

    // Sent without a choice, it asks again, saying so.
    const unchosen = await volunteer.agent
      .post('/share-your-skills/where')
      .type('form')
      .send({ choosing: 'Newport', _csrf: csrfIn(asked.text) })
    expect(unchosen.status).toBe(400)
    expect(unchosen.text).toContain('Choose which Newport you mean')
    expect(unchosen.text.match(/name="where" type="radio"/g)).toHaveLength(2)

    // A postcode is kept only as its district.
    const found = await answer(volunteer, 'where', { where: 'CT10 1AB' })
    expect(found.headers.location).toBe('/share-your-skills/hub')
    const { answers } = testApp.services.sharing.answersOf(volunteer.accountId)
    expect(answers.postcodeDistrict).toBe('CT10')
    expect(JSON.stringify(answers)).not.toContain('1AB')
    const hub = await volunteer.get('/share-your-skills/hub')
    // Thanet covers Broadstairs, so it comes first; "None of these" is always there.
    expect(hub.text.indexOf('value="thanet"')).toBeLessThan(hub.text.indexOf('value="none"'))
  })
})

describe('each question says what is wrong, keeping what was typed', () => {
  let testApp: TestApp
  let volunteer: SignedInBrowser
  beforeAll(async () => {
    testApp = await aSmallWorld()
    volunteer = await signedIn(testApp)
    for (const [step, fields] of ANSWERS('public')) await answer(volunteer, step, fields)
  })

  /** Sends the page's form with these fields and expects it back with this problem, and `kept` still in it. */
  async function expectProblem(
    step: string,
    fields: Record<string, string | string[]>,
    problem: string,
    kept?: string,
  ) {
    const response = await answer(volunteer, step, fields, 'check')
    expect(response.status).toBe(400)
    expect(response.text).toContain('There is a problem')
    expect(response.text).toMatch(/<title>Error: /)
    expect(response.text).toContain(problem)
    expect(response.text).toContain('<span class="govuk-visually-hidden">Error:</span>')
    if (kept) expect(response.text).toContain(kept)
    expect(response.text.match(/<h1/g)).toHaveLength(1)
  }

  it.each([
    ['name', { firstName: '', lastName: 'Quenby' }, 'Enter your first name', 'value="Quenby"'],
    [
      'name',
      { firstName: 'P'.repeat(51), lastName: '' },
      'Your first name must be 50 characters or fewer',
      'P'.repeat(51),
    ],
    ['where', { where: '' }, 'Enter your postcode, or the name of your town or village', undefined],
    ['where', { where: 'Zzyzxville' }, 'Zzyzxville', 'value="Zzyzxville"'],
    ['hub', { hub: '' }, 'Choose your hub, or &quot;None of these&quot;', undefined],
    ['hub', { hub: 'no-such-hub' }, 'Choose your hub, or &quot;None of these&quot;', undefined],
    [
      'skills',
      { skillsInOwnWords: '' },
      'Choose at least one thing you are good at, or say in your own words what you are good at',
      undefined,
    ],
    [
      'sharing',
      { wouldLikeToShare: 'Gardening tips', howOften: '', availability: 'Fridays' },
      'Choose how often you would like to share',
      'Gardening tips',
    ],
    [
      'contact',
      { contactWays: 'phone', phone: 'not a number', email: '' },
      'Enter a phone number, like',
      'value="not a number"',
    ],
    [
      'contact',
      { contactWays: 'email', phone: '', email: 'nobody' },
      'Enter an email address in the correct format',
      'value="nobody"',
    ],
    ['who-can-see', {}, 'Choose who can see your profile', undefined],
    ['agreement', {}, 'Tick the box to say you agree', undefined],
  ] as const)('%s: %j is refused', async (step, fields, problem, kept) => {
    await expectProblem(step, { ...fields }, problem, kept)
  })

  it('"In your own words" with a phone number in it is refused, with the plain reason and the words kept', async () => {
    await expectProblem(
      'skills',
      { skills: ['tablets-and-phones'], skillsInOwnWords: 'Good with tablets, ring 07700.900.100' },
      'Please leave out phone numbers and email addresses',
      'Good with tablets, ring 07700.900.100',
    )
  })

  it('"What you would like to share" with an email address spelt out is refused too', async () => {
    await expectProblem(
      'sharing',
      {
        wouldLikeToShare: 'Write to pauline.harker [at] example.com',
        howOften: 'most-weeks',
        availability: '',
      },
      'Please leave out phone numbers and email addresses',
      'Write to pauline.harker [at] example.com',
    )
  })

  it('a form with a field it did not ask for is refused, never saved', async () => {
    await expectProblem(
      'name',
      { firstName: 'Eve', lastName: '', visibility: 'public' },
      'The form sent something we did not ask for',
    )
    expect(testApp.services.sharing.answersOf(volunteer.accountId).answers.firstName).toBe('Philippa')
  })
})
