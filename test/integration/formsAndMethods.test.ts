import request from 'supertest'
import { createApp } from '../../server/app'
import { testConfig } from '../../server/config'
import { createLogger } from '../../server/logger'
import { buildServices } from '../../server/services'
import { aDatabase } from '../support/testApp'

/** The app with one short form of the kind later pages will have, which says back what it was sent. */
function anAppWithAForm() {
  const config = testConfig()
  return createApp({
    services: buildServices(aDatabase(), config),
    logger: createLogger('silent'),
    extraRoutes: (app) => {
      app.post('/a-short-form', (req, res) => {
        res.json({ received: req.body as unknown })
      })
    },
  })
}

describe('what a form sends', () => {
  const app = anAppWithAForm()

  it('arrives as plain fields', async () => {
    const response = await request(app)
      .post('/a-short-form')
      .type('form')
      .send('name=Walk+and+talk&day=tuesday&day=friday')

    expect(response.status).toBe(200)
    expect(response.body).toEqual({ received: { name: 'Walk and talk', day: ['tuesday', 'friday'] } })
  })

  it('gets the plain "What you sent was too long" page when it is over 32kb, not a 500', async () => {
    const response = await request(app)
      .post('/a-short-form')
      .type('form')
      .send(`story=${'a'.repeat(40 * 1024)}`)

    expect(response.status).toBe(413)
    expect(response.text).toContain('<title>What you sent was too long – Common Ground</title>')
    expect(response.text.match(/<h1[ >]/g)).toHaveLength(1)
    expect(response.text).toContain('make what you typed shorter')
  })

  it('gets the same 413 sent to a page that takes no forms, since the body is read first', async () => {
    const response = await request(app)
      .post('/search')
      .type('form')
      .send(`q=${'walking '.repeat(5000)}`)

    expect(response.status).toBe(413)
    expect(response.text).toContain('What you sent was too long')
  })

  it('gets the 400 "could not understand" page when it is broken, not a 500', async () => {
    const response = await request(app)
      .post('/a-short-form')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .set('Content-Encoding', 'gzip')
      .send('name=Walk+and+talk')

    expect(response.status).toBe(400)
    expect(response.text).toContain('Sorry, we could not understand that')
  })

  it('gets the "could not understand" page when it is in a character set nobody reads', async () => {
    const response = await request(app)
      .post('/a-short-form')
      .set('Content-Type', 'application/x-www-form-urlencoded; charset=no-such-charset')
      .send('name=Walk')

    expect(response.status).toBe(415)
    expect(response.text).toContain('Sorry, we could not understand that')
  })
})

describe('a request with a method the page does not take', () => {
  const app = anAppWithAForm()

  it.each([
    ['POST', '/search'],
    ['DELETE', '/hubs/thanet'],
    ['PUT', '/'],
    ['PATCH', '/map/markers.json'],
    ['POST', '/services/1'],
    ['OPTIONS', '/hubs'],
    ['OPTIONS', '/'],
  ])(
    '%s %s gets 405 with Allow: GET, HEAD and the plain page, never a 500 or a 404',
    async (method, path) => {
      const response = await request(app)[method.toLowerCase() as 'post'](path)

      expect(response.status).toBe(405)
      expect(response.headers.allow).toBe('GET, HEAD')
      expect(response.text).toContain('You cannot do that on this page')
    },
  )

  it('matches pages the way Express does: any case, with a slash at the end', async () => {
    const response = await request(app).delete('/HUBS/thanet/')

    expect(response.status).toBe(405)
  })

  it('answers a request for JSON with JSON', async () => {
    const response = await request(app).delete('/hubs/thanet').set('Accept', 'application/json')

    expect(response.status).toBe(405)
    expect(response.body).toEqual({ error: 'This address only answers GET, HEAD' })
  })

  it('leaves an address that shows nothing to the plain 404', async () => {
    const posted = await request(app).post('/no-such-page')
    const deleted = await request(app).delete('/hubs/thanet/no-such-part')
    const options = await request(app).options('/no-such-page')

    expect([posted.status, deleted.status, options.status]).toEqual([404, 404, 404])
    expect(posted.text).toContain('Page not found')
  })

  it('still lets a route that takes a form have it', async () => {
    const response = await request(app).post('/a-short-form').type('form').send('name=Lunch')

    expect(response.status).toBe(200)
  })
})
