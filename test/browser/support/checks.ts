import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'

/** The standards every page must meet: WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/**
 * Runs axe on the page against WCAG 2.2 AA and describes each problem in one readable line:
 * the rule id, what it asks for, and the elements that break it. An empty list means none.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .options({ resultTypes: ['violations'] })
    // Our pages have no frames, so axe can run in the page in one go: twice as fast as the
    // frame-by-frame default.
    .setLegacyMode(true)
    .analyze()
  return results.violations.map((violation) => {
    const targets = violation.nodes.map((node) => node.target.map(String).join(' > '))
    const shown = targets.slice(0, 5).join(' | ')
    const more = targets.length > 5 ? ` (and ${targets.length - 5} more)` : ''
    return `${violation.id} [${violation.impact ?? 'unknown'}]: ${violation.help} — ${shown}${more} (${violation.helpUrl})`
  })
}

export interface CleanPageOptions {
  /** A name for the page or state, shown beside any failure (useful in long journeys). */
  what?: string
  /** Also check that nothing makes the page scroll sideways: for tests at a phone's 320px. */
  fitsTheScreen?: boolean
}

/** Axe finds nothing against WCAG 2.2 AA (see WCAG_TAGS). */
export async function expectNoAxeViolations(page: Page, { what }: Pick<CleanPageOptions, 'what'> = {}) {
  const problems = await accessibilityProblems(page)
  if (what === undefined) expect(problems).toEqual([])
  else expect({ what, problems }).toEqual({ what, problems: [] })
}

/**
 * What every page must be, checked in every state a test reaches: no axe violations, one h1,
 * and (with `fitsTheScreen`) nothing wider than the window.
 */
export async function expectCleanPage(page: Page, { what, fitsTheScreen = false }: CleanPageOptions = {}) {
  await expectNoAxeViolations(page, { what })
  const headings = await page.locator('h1').count()
  if (what === undefined) expect(headings).toBe(1)
  else expect({ what, headings }).toEqual({ what, headings: 1 })
  if (!fitsTheScreen) return
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
  if (what === undefined) expect(fits).toBe(true)
  else expect({ what, fits }).toEqual({ what, fits: true })
}
