/**
 * The property every form must have (fast-check): sent by the viewer it is for, with a good
 * CSRF token and any fields at all (the form as its page shows it with some fields changed
 * into odd or huge text, a field sent twice, fields left out, strangers, prototype keys), it
 * is answered with a page, a redirect or a plain refusal, never a failure (5xx); and when it
 * is refused (4xx), nothing was kept: no table was written to (sessions and the audit log
 * aside, which record the asking), and every table holds the rows it held before.
 */
import fc from 'fast-check'
import { SHARING_STEPS } from '../../server/services/sharing/contract'
import { STEP_FIELDS } from '../../server/services/sharing/sharingService'
import { aBrowser, anAccount, csrfIn } from './accounts'
import {
  PROPERTY_RUNS,
  aChangedForm,
  encoded,
  fieldNamesIn,
  formAsShown,
  formSentTo,
  rowCounts,
  someFields,
  watchWrites,
} from './hostileInput'
import type { Form, Viewer } from './propertyForms'
import { FROM_HOME, shareSkills, someAnswers } from './sharing'
import { aDemoTestApp, type TestApp } from './testApp'

/** Forms whose success signs the browser out, so a later run may find its token gone. */
const ENDS_THE_SESSION = ['/your-profile/delete', '/account/sign-out-everywhere', '/sign-out']

/** Defines one test per form, over one demo app with a browser signed in for each viewer. */
export function everyFormKeepsNothingItRefuses(forms: readonly Form[]): void {
  let testApp: TestApp
  let writes: ReturnType<typeof watchWrites>
  const browsers = {} as Record<Viewer, ReturnType<typeof aBrowser>>

  beforeAll(async () => {
    testApp = aDemoTestApp()
    const thanet = (testApp.db.prepare(`SELECT id FROM hubs WHERE slug = 'thanet'`).get() as { id: number })
      .id
    browsers.visitor = aBrowser(testApp.app)
    const viewers = new Set(forms.map((form) => form.viewer))
    const roles = {
      member: 'member',
      sharer: 'member',
      leaving: 'member',
      peerLead: 'peer_lead',
      admin: 'admin',
    } as const
    for (const viewer of ['member', 'sharer', 'leaving', 'peerLead', 'admin'] as const) {
      if (!viewers.has(viewer)) continue
      const account = await anAccount(testApp.db, {
        role: roles[viewer],
        hubIds: viewer === 'admin' ? [] : [thanet],
      })
      const { sharing } = testApp.services
      // The member is part way through "Share your skills" (every question answered, not yet
      // finished), so each question page shows its form filled in; the sharer has finished.
      if (viewer === 'member')
        for (const step of SHARING_STEPS.filter((name) => name !== 'check')) {
          const answers = someAnswers('thanet')
          const pageAnswers = Object.fromEntries(
            STEP_FIELDS[step].filter((field) => field in answers).map((field) => [field, answers[field]]),
          )
          expect(sharing.saveAnswers(account.id, step, pageAnswers, FROM_HOME).kind).toBe('saved')
        }
      if (viewer === 'sharer') shareSkills(sharing, account.id, someAnswers('thanet'))
      const browser = aBrowser(testApp.app)
      expect((await browser.signIn(account.email, account.password)).status).toBe(303)
      browsers[viewer] = browser
    }
    writes = watchWrites(testApp.db)
  })

  it('counts every write to a watched table (so a refusal with none really wrote nothing)', () => {
    testApp.db.prepare(`UPDATE hubs SET name = name WHERE slug = 'thanet'`).run()
    expect(writes.take()).toMatchObject({ hubs: 1 })
    expect(writes.take()).toEqual({})
  })

  it.each(forms.map((form, index) => [`${form.to} as ${form.viewer}`, form, index] as const))(
    '%s',
    async (_name, form, index) => {
      const browser = browsers[form.viewer]
      const page = await browser.get(form.from ?? form.to)
      const token = csrfIn(/name="_csrf"/.test(page.text) ? page.text : (await browser.get('/sign-in')).text)
      const html = formSentTo(page.text, form.to)
      const known = [...new Set([...fieldNamesIn(html), ...(form.fields ?? [])])]
      const bodies = fc.oneof(
        { arbitrary: someFields(known), weight: 1 },
        { arbitrary: aChangedForm(formAsShown(html), known), weight: 2 },
      )
      const statuses: number[] = []
      await fc.assert(
        fc.asyncProperty(bodies, async (fields) => {
          const before = rowCounts(testApp.db)
          writes.take()
          const response = await browser.agent
            .post(form.to)
            .type('form')
            .send(encoded([...fields, ['_csrf', token]]))
          statuses.push(response.status)
          if (response.status >= 500) throw new Error(`${response.status}: ${response.text.slice(0, 500)}`)
          const refusedForItsToken =
            response.status === 403 && response.text.includes('Sorry, that did not work')
          if (refusedForItsToken && !ENDS_THE_SESSION.includes(form.to))
            throw new Error('The form was refused for its token, so its fields were never read')
          if (response.status >= 400) {
            expect(rowCounts(testApp.db)).toEqual(before)
            expect({ refused: response.status, wrote: writes.take() }).toEqual({
              refused: response.status,
              wrote: {},
            })
          }
        }),
        // Each form its own seed, so no two forms get the same runs.
        { ...PROPERTY_RUNS, seed: PROPERTY_RUNS.seed + index },
      )
      expect(statuses).toHaveLength(PROPERTY_RUNS.numRuns)
    },
  )
}
