/**
 * Property-based (fast-check): the directory import, the one form that takes a file. Any file
 * (the template's example row with cells changed into odd or huge text, quotes, commas and
 * line breaks; or bytes that are not CSV at all) is checked and reported, never a failure
 * (5xx); and pressing "Import" on its report either imports it or is refused having written
 * nothing.
 */
import fc from 'fast-check'
import { importDemoPostcodesIfEmpty } from '../../db/demoPostcodes'
import { loadGazetteerIfEmpty } from '../../db/gazetteer'
import {
  DIRECTORY_COLUMNS,
  EXAMPLE_ROW,
  type DirectoryRow,
} from '../../server/services/directory/directoryCsv'
import { csvText } from '../../server/services/directory/directoryExport'
import { aBrowser, anAccount, csrfIn } from '../support/accounts'
import { PROPERTY_RUNS, aText, rowCounts, watchWrites } from '../support/hostileInput'
import { aDemoTestApp, type TestApp } from '../support/testApp'

// Signing in hashes a password with Argon2id: slow on a busy machine.
jest.setTimeout(60_000)

/** A cell as a careless spreadsheet or an unkind sender writes it. */
const aCell = fc.oneof(
  { arbitrary: aText, weight: 4 },
  {
    arbitrary: fc.constantFrom(
      '"',
      '""',
      'a,b',
      'one\ntwo',
      '=SUM(A1)',
      '+44',
      ';;;',
      'yes;no',
      '25:99-10:00',
    ),
    weight: 2,
  },
)

/** Rows of the example with some cells changed, some rows short, and sometimes no CSV at all. */
const aFile: fc.Arbitrary<string> = fc.oneof(
  {
    arbitrary: fc
      .array(fc.dictionary(fc.constantFrom(...DIRECTORY_COLUMNS), aCell, { maxKeys: 4 }), {
        minLength: 1,
        maxLength: 4,
      })
      .map((rows) =>
        csvText(
          rows.map((row, i) =>
            DIRECTORY_COLUMNS.map(
              (column) =>
                ({
                  ...EXAMPLE_ROW,
                  service_name: `Walk and talk ${i + 1}`,
                  ...(row as Partial<DirectoryRow>),
                })[column],
            ),
          ),
          DIRECTORY_COLUMNS,
        ),
      ),
    weight: 4,
  },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 300 }), weight: 1 },
  { arbitrary: fc.constantFrom('', '\uFEFF', 'service_name\n', '"unclosed,quote\n1,2'), weight: 1 },
)

describe('any file sent to the directory import is checked, never a failure, and a refused import keeps nothing', () => {
  let testApp: TestApp
  let admin: ReturnType<typeof aBrowser>

  beforeAll(async () => {
    testApp = aDemoTestApp()
    // Towns and postcodes, so the example row's place can be put on the map and imported.
    loadGazetteerIfEmpty(testApp.db)
    await importDemoPostcodesIfEmpty(testApp.db)
    const account = await anAccount(testApp.db, { role: 'admin' })
    admin = aBrowser(testApp.app)
    expect((await admin.signIn(account.email, account.password)).status).toBe(303)
  })

  it('uploads, reports and imports any file without a failure', async () => {
    const token = csrfIn((await admin.get('/admin/import')).text)
    const writes = watchWrites(testApp.db)
    const imported: number[] = []
    await fc.assert(
      fc.asyncProperty(
        aFile,
        fc.constantFrom('listings.csv', 'x.txt', '../../etc/passwd', 'é 🙂.csv'),
        async (file, name) => {
          const sent = await admin.agent
            .post('/admin/import')
            .field('_csrf', token)
            .attach('file', Buffer.from(file), name)
          if (sent.status >= 500) throw new Error(`${sent.status} on upload: ${sent.text.slice(0, 300)}`)
          if (sent.status !== 303) return
          const reportUrl = sent.headers.location as string
          const report = await admin.get(reportUrl)
          if (report.status >= 500) throw new Error(`${report.status} on the report`)
          const before = rowCounts(testApp.db)
          writes.take()
          const done = await admin.agent.post(reportUrl).type('form').send({ _csrf: token })
          if (done.status >= 500) throw new Error(`${done.status} on import: ${done.text.slice(0, 300)}`)
          imported.push(done.status)
          if (done.status >= 400) {
            expect(rowCounts(testApp.db)).toEqual(before)
            expect(writes.take()).toEqual({})
          }
        },
      ),
      PROPERTY_RUNS,
    )
    // Some files were good enough to be imported, so the runs reached the writing too.
    expect(imported).toContain(303)
  })
})
