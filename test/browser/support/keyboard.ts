import type { Page } from 'playwright-core'

/**
 * How many times tabTo presses Tab before it gives up. Only a failing test ever reaches it: the
 * longest pages (a coordinator's listings to check) need a few hundred.
 */
const MOST_TABS = 400

/**
 * Presses Tab until the element with this accessible name (its label, aria-label or text) has
 * the focus, as a keyboard user moves through a page; fails when it is not reached.
 */
export async function tabTo(page: Page, name: RegExp, mostTabs = MOST_TABS): Promise<void> {
  for (let i = 0; i < mostTabs; i++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null
      if (!element) return ''
      const label = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : ''
      return `${label ?? ''} ${element.getAttribute('aria-label') ?? ''} ${element.textContent ?? ''}`.trim()
    })
    if (name.test(focused)) return
  }
  throw new Error(`Could not reach ${String(name)} with the Tab key`)
}

/**
 * Tabs to a link or button, presses Enter, and waits for the next page to load. A small
 * `mostTabs` checks that the button comes straight after where the focus is.
 */
export async function press(page: Page, name: RegExp, mostTabs = MOST_TABS): Promise<void> {
  await tabTo(page, name, mostTabs)
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
}

/** Tabs to a text box and types into it (after what is there already). */
export async function typeInto(
  page: Page,
  label: RegExp,
  words: string,
  mostTabs = MOST_TABS,
): Promise<void> {
  await tabTo(page, label, mostTabs)
  await page.keyboard.type(words)
}
