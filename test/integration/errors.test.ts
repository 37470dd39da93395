import request from 'supertest'
import { aService } from '../builders'
import { aTestApp } from '../support/testApp'

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

  it('shows developers the details outside production', async () => {
    const { app, db, services } = aTestApp({ config: { env: 'development' } })
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
})
