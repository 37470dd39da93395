import request from 'supertest'
import { createApp } from '../../server/app'
import { loadConfig, testConfig } from '../../server/config'
import { createLogger } from '../../server/logger'
import { ForbiddenError } from '../../server/middleware/errors'
import { buildServices } from '../../server/services'
import { aService } from '../builders'
import { aDatabase, aTestApp } from '../support/testApp'

const SECRET_MESSAGE = 'SQLITE_CORRUPT: database disk image is malformed in /srv/data/common-ground.sqlite'

describe('when something goes wrong', () => {
  afterEach(() => jest.restoreAllMocks())

  it('shows a kind error page with no stack trace or error message in production', async () => {
    const { app, db, services } = aTestApp({ config: { env: 'production' } })
    const serviceId = aService(db)
    jest.spyOn(services.listings, 'servicePage').mockImplementation(() => {
      throw new Error(SECRET_MESSAGE)
    })

    const response = await request(app).get(`/services/${serviceId}`)

    expect(response.status).toBe(500)
    expect(response.text).toContain('Sorry, there is a problem with this service')
    expect(response.text).not.toContain('SQLITE_CORRUPT')
    expect(response.text).not.toContain('/srv/data')
    expect(response.text).not.toMatch(/at \S+ \(|listingsService|node_modules/)
    expect(response.text).not.toContain('Details for developers')
  })

  it('gives the same kind page when the start page fails in production', async () => {
    const { app, services } = aTestApp({ config: { env: 'production' } })
    jest.spyOn(services.listings, 'startPage').mockImplementation(() => {
      throw new Error(SECRET_MESSAGE)
    })

    const response = await request(app).get('/')

    expect(response.status).toBe(500)
    expect(response.text).toContain('Sorry, there is a problem with this service')
    expect(response.text).not.toContain('SQLITE_CORRUPT')
  })

  it('shows developers the details when NODE_ENV is set to development on purpose', async () => {
    const { app, db, services } = aTestApp({ config: loadConfig({ NODE_ENV: 'development' }) })
    const serviceId = aService(db)
    jest.spyOn(services.listings, 'servicePage').mockImplementation(() => {
      throw new Error(SECRET_MESSAGE)
    })

    const response = await request(app).get(`/services/${serviceId}`)

    expect(response.status).toBe(500)
    expect(response.text).toContain('Details for developers')
    expect(response.text).toContain('SQLITE_CORRUPT')
  })

  it('gives the plain page-not-found page, not an error, for a listing that does not exist', async () => {
    const { app } = aTestApp({ config: { env: 'development' } })

    const response = await request(app).get('/services/424242')

    expect(response.status).toBe(404)
    expect(response.text).toContain('Page not found')
    expect(response.text).not.toContain('Details for developers')
  })

  it('shows no stack trace or file paths for a malformed address when NODE_ENV is not set', async () => {
    const { app } = aTestApp({ config: { ...loadConfig({}), logLevel: 'silent' } })

    const response = await request(app).get('/hubs/%')

    expect(response.status).toBe(400)
    expect(response.text).toContain('Sorry, we could not understand that')
    expect(response.text).not.toContain('Details for developers')
    expect(response.text).not.toMatch(/at \S+ \(|node_modules|URIError|\.ts:\d+/)
  })

  it('shows the details of a malformed address when NODE_ENV is set to development', async () => {
    const { app } = aTestApp({ config: { ...loadConfig({ NODE_ENV: 'development' }), logLevel: 'silent' } })

    const response = await request(app).get('/hubs/%')

    expect(response.status).toBe(400)
    expect(response.text).toContain('Details for developers')
    expect(response.text).toContain('URIError')
  })
})

describe('when someone asks for a page they may not see', () => {
  const anAppWithAPrivatePage = () => {
    const config = testConfig()
    return createApp({
      services: buildServices(aDatabase(), config),
      logger: createLogger('silent'),
      extraRoutes: (app) => {
        app.get('/only-for-coordinators', () => {
          throw new ForbiddenError('Only coordinators of this hub may see this')
        })
      },
    })
  }

  it('gives the plain "You cannot see this page" page, saying what to do', async () => {
    const response = await request(anAppWithAPrivatePage()).get('/only-for-coordinators')

    expect(response.status).toBe(403)
    expect(response.text).toContain('<title>You cannot see this page – Common Ground</title>')
    expect(response.text.match(/<h1[ >]/g)).toHaveLength(1)
    expect(response.text).toMatch(/<h1 class="govuk-heading-l">You cannot see this page<\/h1>/)
    expect(response.text).toContain('ask the person who runs your local hub')
    expect(response.text).not.toContain('Only coordinators of this hub')
  })

  it('answers a request for JSON with JSON', async () => {
    const response = await request(anAppWithAPrivatePage())
      .get('/only-for-coordinators')
      .set('Accept', 'application/json')

    expect(response.status).toBe(403)
    expect(response.body).toEqual({ error: 'Forbidden' })
  })
})
