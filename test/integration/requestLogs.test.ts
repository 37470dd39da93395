import { Writable } from 'node:stream'
import request from 'supertest'
import { importDemoPostcodesIfEmpty } from '../../db/demoPostcodes'
import { createApp } from '../../server/app'
import { testConfig } from '../../server/config'
import { createLogger } from '../../server/logger'
import { buildServices } from '../../server/services'
import { aDemoDatabase } from '../support/testApp'

/** The demo site with its log lines kept in memory, to read what it wrote. */
async function aSiteWithItsLog() {
  const lines: string[] = []
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
      done()
    },
  })
  const db = aDemoDatabase()
  await importDemoPostcodesIfEmpty(db)
  const config = testConfig()
  const app = createApp({
    services: buildServices(db, config),
    logger: createLogger('info', destination),
    extraRoutes: (app) => {
      app.get('/a-page-that-fails', () => {
        throw new Error('Something broke')
      })
    },
  })
  // A request is logged when its answer has gone; give the logger that moment.
  const log = async () => {
    await new Promise((resolve) => setImmediate(resolve))
    return lines.join('\n')
  }
  return { app, log }
}

// Privacy rule 6 in DESIGN.md: logs hold no visitor's location (lat/lng, postcodes typed) or search words.
describe("the request log keeps no visitor's location or search words", () => {
  it('logs a search near a postcode by its path and status only', async () => {
    const { app, log } = await aSiteWithItsLog()

    const response = await request(app)
      .get('/search?q=walking&where=CT9+7ZA')
      .set('Referer', 'http://localhost/search?q=lunch+club&where=CT9+7ZA')
    expect(response.status).toBe(200)

    const output = await log()
    expect(output).toContain('"path":"/search"')
    expect(output).toContain('"status":200')
    expect(output).toContain('"responseTime":')
    expect(output).not.toMatch(/CT9|7ZA/i)
    expect(output).not.toMatch(/walking|lunch/i)
  })

  it('logs a search from "Use my location" without the point', async () => {
    const { app, log } = await aSiteWithItsLog()

    const response = await request(app).get('/search?lat=51.38&lng=1.38')
    expect(response.status).toBe(200)

    const output = await log()
    expect(output).toContain('"path":"/search"')
    expect(output).not.toMatch(/51\.38|1\.38|lat=|lng=/)
  })

  it('logs the map and its markers without the place or the box looked at', async () => {
    const { app, log } = await aSiteWithItsLog()

    await request(app).get('/map?where=CT9+7ZA&q=walking')
    await request(app).get('/map/markers.json?bbox=1.30,51.35,1.45,51.40&zoom=13&where=CT9+7ZA')

    const output = await log()
    expect(output).toContain('"path":"/map"')
    expect(output).toContain('"path":"/map/markers.json"')
    expect(output).not.toMatch(/CT9|7ZA|walking|51\.35|1\.45/i)
  })

  it('logs a failure by its path, without the query string', async () => {
    const { app, log } = await aSiteWithItsLog()

    const response = await request(app).get('/a-page-that-fails?where=CT9+7ZA&q=walking')
    expect(response.status).toBe(500)

    const output = await log()
    expect(output).toContain('Something broke')
    expect(output).toContain('"path":"/a-page-that-fails"')
    expect(output).toContain('"status":500')
    expect(output).not.toMatch(/CT9|7ZA|walking/i)
  })
})
