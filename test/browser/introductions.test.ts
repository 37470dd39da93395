/**
 * Being put in touch in Chromium at 320px, keyboard only, with axe in every state (issue 11):
 * the demo coordinator takes the resident's request in Thanet (help with a tablet) from the
 * queue on the coordinator home, through choosing Pauline H. from Find local expertise and
 * recording her "yes" from the phone, to how it went. And the page the person asked opens from
 * their email, and what it says once used.
 */
import crypto from 'node:crypto'
import {
  collectPageProblems,
  expectCleanPage,
  press,
  signInAs,
  tabTo,
  theDemo,
  useTheDemoSite,
} from './support/browser'
import { IntroductionsRepository } from '../../db/repositories/introductionsRepository'
import { aWaitingRequest } from '../builders'

const site = useTheDemoSite()

jest.setTimeout(240_000)

describe('an introduction with only a keyboard, on a small phone', () => {
  it('takes the resident’s request from the queue to an accepted introduction and how it went', async () => {
    const page = await site.newPage({ viewport: { width: 320, height: 800 } })
    const problems = collectPageProblems(page)

    await signInAs(page, theDemo.coordinator)

    // The queue on the coordinator home: the oldest waiting first, with how long.
    await press(page, /^Coordinate$/)
    await page.waitForSelector('h1:has-text("Coordinate")')
    expect(await page.locator('main').innerText()).toMatch(/waiting \d+ days/)
    await expectCleanPage(page, { fitsTheScreen: true })

    await press(page, /^My daughter gave me a tablet/)
    await page.waitForSelector('h1:has-text("Joan Demo asked to be put in touch")')
    expect(await page.locator('main').innerText()).not.toContain('joan.demo@example.net')
    await expectCleanPage(page, { fitsTheScreen: true })

    // Choosing from Find local expertise, pre-filled with the hub and the skill.
    await press(page, /^Find someone$/)
    await page.waitForSelector('h1:has-text("Find local expertise")')
    expect(await page.locator('main').innerText()).toContain('You are choosing someone for introduction')
    expect(await page.locator('main').innerText()).toContain('in the last 90 days')
    await expectCleanPage(page, { fitsTheScreen: true })
    await press(page, /^Choose Pauline H\./)
    await page.waitForSelector('h1:has-text("Joan Demo asked to be put in touch")')
    expect(await page.locator('main').innerText()).toContain('You chose Pauline H.')
    await expectCleanPage(page, { fitsTheScreen: true })

    // Her "yes", given on the phone: first without choosing, then with.
    await press(page, /^Record their answer from the phone$/)
    await page.waitForSelector('h1:has-text("What did Pauline H. say?")')
    await expectCleanPage(page, { fitsTheScreen: true })
    await press(page, /^Save their answer$/)
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: /)
    await expectCleanPage(page, { fitsTheScreen: true })
    await tabTo(page, /^Yes, Pauline H\. will help$/, 60)
    await page.keyboard.press('Space')
    await press(page, /^Save their answer$/)
    await page.waitForSelector('text=Pauline H. said yes')
    expect(await page.locator('main').innerText()).toContain('Accepted')
    expect(await page.locator('main').innerText()).not.toContain('joan.demo@example.net')
    await expectCleanPage(page, { fitsTheScreen: true })

    // How it went.
    await press(page, /^Record how it went$/)
    await page.waitForSelector('h1:has-text("How did it go?")')
    await expectCleanPage(page, { fitsTheScreen: true })
    await tabTo(page, /^It helped$/, 60)
    await page.keyboard.press('Space')
    await page.locator('#note').fill('They video call every Sunday now')
    await press(page, /^Save and close$/)
    await page.waitForSelector('text=How it went is saved')
    const main = await page.locator('main').innerText()
    expect(main).toContain('Closed')
    expect(main).toContain('It helped: They video call every Sunday now')
    await expectCleanPage(page, { fitsTheScreen: true })
    expect(problems).toEqual([])
  })

  it('shows the person asked what the help is, with Yes and No, and says plainly once the link is used', async () => {
    // An ask as the "Ask by email" button leaves it, with a link whose token this story knows.
    const introductions = new IntroductionsRepository(site.db)
    const thanet = (site.db.prepare("SELECT id FROM hubs WHERE slug = 'thanet'").get() as { id: number }).id
    const pauline = (
      site.db
        .prepare("SELECT id FROM people WHERE first_name = 'Pauline' AND last_name = 'Harker'")
        .get() as {
        id: number
      }
    ).id
    const id = aWaitingRequest(site.db, { hubId: thanet, requesterEmail: 'browser.requester@example.net' })
    const token = crypto.randomBytes(32).toString('base64url')
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z')
    introductions.markAsked(id, pauline, new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), due)
    introductions.addAnswerLink({
      tokenHash: crypto.createHash('sha256').update(token).digest('hex'),
      introductionId: id,
      personId: pauline,
      expiresAt: due,
    })

    const page = await site.newPage({ viewport: { width: 320, height: 800 } })
    const problems = collectPageProblems(page)
    await page.goto(site.url(`/introductions/answer?token=${token}`))
    await page.waitForSelector('h1:has-text("Can you help someone in Thanet")')
    expect(await page.locator('main').innerText()).not.toContain('browser.requester@example.net')
    await expectCleanPage(page, { fitsTheScreen: true })
    await press(page, /^No, not this time$/)
    await page.waitForSelector('h1:has-text("Thank you for letting us know")')
    await expectCleanPage(page, { fitsTheScreen: true })
    await page.goto(site.url(`/introductions/answer?token=${token}`))
    await page.waitForSelector('h1:has-text("You have already answered")')
    await expectCleanPage(page, { fitsTheScreen: true })
    expect(problems.filter((problem) => !problem.includes('410'))).toEqual([])
  })
})
