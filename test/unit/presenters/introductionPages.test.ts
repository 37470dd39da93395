/**
 * The introduction pages' words (issue 11): how long a request has waited, the home's
 * "Introductions waiting" per hub, and the "What to say" page giving each side only the
 * other's details.
 */
import {
  presentPassOn,
  presentWaiting,
  waitedInWords,
} from '../../../server/features/coordinate/introductionPresenters'

const NOW = new Date('2026-12-01T10:00:00Z')

describe('the introduction pages', () => {
  it('says how long a request has waited in whole days', () => {
    expect(waitedInWords('2026-12-01T08:00:00Z', NOW)).toBe('less than a day')
    expect(waitedInWords('2026-11-30T09:00:00Z', NOW)).toBe('1 day')
    expect(waitedInWords('2026-11-28T10:00:00Z', NOW)).toBe('3 days')
  })

  it('names a hub’s oldest waiting introductions with how long each has waited, and links to its list', () => {
    const hub = { id: 7, slug: 'thanet', name: 'Thanet' }
    const waiting = new Map([
      [
        7,
        {
          count: 4,
          oldest: [
            { id: 3, helpWanted: 'Help with a tablet', waitingSince: '2026-11-28T10:00:00Z' },
            { id: 9, helpWanted: 'A lift to the hospital', waitingSince: '2026-11-30T09:00:00Z' },
          ],
        },
      ],
    ])
    const view = presentWaiting(hub, waiting, NOW)
    expect(view.introductionsWaiting).toBe(
      '4 introductions are waiting for someone to be chosen. The oldest first:',
    )
    expect(view.oldestWaiting).toEqual([
      { href: '/coordinate/introductions/3', text: 'Help with a tablet', waited: 'waiting 3 days' },
      { href: '/coordinate/introductions/9', text: 'A lift to the hospital', waited: 'waiting 1 day' },
    ])
    expect(view.introductionsHref).toBe('/coordinate/introductions?hub=thanet')
    expect(presentWaiting(hub, new Map(), NOW).introductionsWaiting).toBe('No introductions waiting.')
  })

  it('gives each side on the "What to say" page only the other side’s details, and only the sides that need it', () => {
    const view = presentPassOn({
      introductionId: 5,
      hubName: 'Thanet',
      helpWanted: 'Help with a tablet',
      requester: { name: 'Joan', area: 'Margate', phone: '01632 960777', email: null, route: 'phone' },
      helper: { displayName: 'Pauline H.', phone: '07700 900100', email: null },
      toRequester: true,
      toHelper: false,
    })
    expect(view.toRequester?.script).toContain('07700 900100')
    expect(view.toRequester?.script).not.toContain('01632 960777')
    expect(view.toHelper).toBeNull()
  })
})
