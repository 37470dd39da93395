import type { Page } from 'playwright-core'
import { collectScriptErrors, expectNoAxeViolations, useTheDemoSite } from './support/browser'

const site = useTheDemoSite()

/** A published place in the demo data where just one published service meets, to open the map beside it. */
function aServiceWithAPlace(): { id: number; name: string; latitude: number; longitude: number } {
  const row = site.db
    .prepare(
      `SELECT MIN(s.id) AS id, MIN(s.name) AS name, l.latitude, l.longitude
         FROM locations l
         JOIN service_at_locations sal ON sal.location_id = l.id
         JOIN services s ON s.id = sal.service_id AND s.status = 'published'
        WHERE l.status = 'published'
        GROUP BY l.id
       HAVING COUNT(*) = 1
        ORDER BY l.id
        LIMIT 1`,
    )
    .get() as { id: number; name: string; latitude: number; longitude: number } | undefined
  if (!row) throw new Error('The demo data has no published service at a published place')
  return row
}

const MARKERS = '#map .cg-map__marker, #map .cg-map__cluster'

async function openMap(path: string): Promise<{ page: Page; scriptErrors: string[] }> {
  const page = await site.newPage({ viewport: { width: 1200, height: 900 } })
  const scriptErrors = collectScriptErrors(page)
  await page.goto(site.url(path), { waitUntil: 'load' })
  await page.locator(MARKERS).first().waitFor({ state: 'visible' })
  return { page, scriptErrors }
}

/** What has focus: its classes, accessible name (aria-label) and role. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null
    return {
      className: element?.className ?? '',
      label: element?.getAttribute('aria-label') ?? '',
      role: element?.getAttribute('role') ?? '',
      href: element?.getAttribute('href') ?? '',
    }
  })

/**
 * Tabs from the map until a single listing's marker has focus. On the way, Enter on a
 * cluster zooms in (which then puts focus on the nearest marker), as a keyboard user would.
 */
async function tabToAListing(page: Page): Promise<{ label: string }> {
  await page.locator('#map').focus()
  for (let step = 0; step < 60; step += 1) {
    await page.keyboard.press('Tab')
    const now = await focused(page)
    if (now.className.includes('cg-map__marker')) return { label: now.label }
    if (now.className.includes('cg-map__cluster') && now.label.endsWith('zoom in')) {
      await page.keyboard.press('Enter')
      await page.waitForTimeout(600)
      const after = await focused(page)
      if (after.className.includes('cg-map__marker')) return { label: after.label }
      await page.locator('#map').focus()
    }
  }
  throw new Error('Tab never reached a marker for a single listing')
}

describe('the map, by keyboard', () => {
  it('Tab reaches a marker named after its listing, and Enter opens its popup with the name, category and a link', async () => {
    const service = aServiceWithAPlace()
    const { page, scriptErrors } = await openMap(
      `/map?where=My+location&lat=${service.latitude}&lng=${service.longitude}`,
    )
    expect(await page.locator('#map-no-js').isHidden()).toBe(true)

    const { label } = await tabToAListing(page)
    expect(label).not.toBe('')
    // Its accessible name is exactly the listing's name.
    expect(await page.getByRole('button', { name: label, exact: true }).count()).toBeGreaterThan(0)

    await page.keyboard.press('Enter')
    const popup = page.locator('.leaflet-popup')
    await popup.waitFor({ state: 'visible' })
    await expect(popup.textContent()).resolves.toContain(label)
    const link = popup.locator('a[href^="/services/"]')
    expect(await link.count()).toBe(1)
    expect(await link.textContent()).toBe(`Find out more about ${label}`)
    // Focus moves into the popup, to its link.
    expect((await focused(page)).href).toMatch(/^\/services\/\d+$/)
    // The category shows too, where the listing has one.
    const category = site.db
      .prepare(
        `SELECT t.name FROM services s JOIN service_categories sc ON sc.service_id = s.id
           JOIN taxonomy_terms t ON t.id = sc.term_id WHERE s.id = ? ORDER BY t.sort_order, t.name LIMIT 1`,
      )
      .get(Number((await link.getAttribute('href'))?.split('/').pop())) as { name: string } | undefined
    if (category) await expect(popup.textContent()).resolves.toContain(category.name)

    // Escape closes it and puts focus back on the marker.
    await page.keyboard.press('Escape')
    await popup.waitFor({ state: 'detached' })
    expect(await focused(page)).toMatchObject({ label, role: 'button' })
    expect(scriptErrors).toEqual([])
  })

  it('Enter on a cluster zooms in', async () => {
    const { page } = await openMap('/map')
    // All of the demo hubs are in view, so the groups in each town are clustered.
    const cluster = page.locator('#map .cg-map__cluster[aria-label$="zoom in"]').first()
    expect(await cluster.count()).toBe(1)
    const before = await page.locator(MARKERS).count()
    const label = (await cluster.getAttribute('aria-label')) ?? ''
    // It says where it is: "16 groups around Ramsgate — zoom in", and so does its tooltip.
    expect(label).toMatch(/^\d+ groups around [A-Z][\w' -]+ — zoom in$/)
    expect(await cluster.getAttribute('title')).toBe(label)
    await cluster.focus()
    await page.keyboard.press('Enter')
    await page.waitForFunction(
      (count) => document.querySelectorAll('#map .cg-map__marker, #map .cg-map__cluster').length !== count,
      before,
    )
    expect(await page.locator(MARKERS).count()).not.toBe(before)
  })

  it('the map page, with its markers showing, has no accessibility problems that axe can find', async () => {
    const { page, scriptErrors } = await openMap('/map')
    await expectNoAxeViolations(page)
    expect(scriptErrors).toEqual([])
  })

  it('moving the map brings the list beside it up to date, and says what is there', async () => {
    const service = aServiceWithAPlace()
    const { page } = await openMap(`/map?where=My+location&lat=${service.latitude}&lng=${service.longitude}`)
    await page.locator('#map').focus()
    // Zoom out with the keyboard: the list is asked for again for the new part of the map.
    const listed = page.waitForResponse((response) => response.url().includes('/map/list?') && response.ok())
    await page.keyboard.press('-')
    await listed
    await page.waitForFunction(() => /here/.test(document.querySelector('#map-status')?.textContent ?? ''))
    const summary = await page.locator('#map-list .cg-map-list__summary').textContent()
    expect(await page.locator('#map-status').textContent()).toBe(summary)
  })
})

describe('the map, for people who use a keyboard or a screen reader', () => {
  it('"Skip the map" goes past the markers to the list beside the map', async () => {
    const { page } = await openMap('/map')
    const skip = page.getByRole('link', { name: 'Skip the map' })
    await skip.focus()
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => document.activeElement?.id === 'map-list-heading')
    expect(await page.locator('#map-list-heading').textContent()).toBe('In this part of the map')
  })

  it('gives every focusable thing on the map a role that takes focus and a name', async () => {
    const { page } = await openMap('/map?where=Margate')
    await page.getByLabel('Show local hub areas on the map').check()
    const cluster = page.locator('#map .cg-map__cluster').first()
    await cluster.focus()
    await page.keyboard.press('Enter')
    await page.waitForTimeout(600)
    const unnamed = await page.evaluate(() =>
      Array.from(
        document.querySelectorAll<HTMLElement>('#map [tabindex], #map a[href], #map button, #map input'),
      )
        .filter((element) => element.tabIndex >= 0)
        .map((element) => ({
          html: element.outerHTML.slice(0, 120),
          role: element.getAttribute('role') ?? element.tagName.toLowerCase(),
          name: (element.getAttribute('aria-label') ?? element.textContent ?? '').trim(),
        }))
        .filter(({ role, name }) => !(['button', 'a', 'link'].includes(role) && name !== '')),
    )
    expect(unnamed).toEqual([])
    await expectNoAxeViolations(page)
  })

  it('has no accessibility problems with the hub areas shown and a popup open', async () => {
    const service = aServiceWithAPlace()
    const { page, scriptErrors } = await openMap(
      `/map?where=My+location&lat=${service.latitude}&lng=${service.longitude}`,
    )
    // Listening before ticking the box: the answer can come before a later wait would start.
    const hubAreas = page.waitForResponse((response) => response.url().includes('/map/hubs.json'))
    await page.getByLabel('Show local hub areas on the map').check()
    await hubAreas
    await tabToAListing(page)
    await page.keyboard.press('Enter')
    await page.locator('.leaflet-popup').waitFor({ state: 'visible' })
    await expectNoAxeViolations(page)
    expect(scriptErrors).toEqual([])
  })

  it('on a phone, the map page has no accessibility problems and does not scroll sideways', async () => {
    const page = await site.newPage({ viewport: { width: 375, height: 667 } })
    await page.goto(site.url('/map'), { waitUntil: 'load' })
    await page.locator(MARKERS).first().waitFor({ state: 'visible' })
    await expectNoAxeViolations(page)
    const width = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ])
    expect(width[0]).toBeLessThanOrEqual(width[1] ?? 0)
  })
})
