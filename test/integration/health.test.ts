import request from 'supertest'
import { aTestApp } from '../support/testApp'

describe('GET /health', () => {
  it('says ok when the database answers', async () => {
    const { app } = aTestApp()
    const response = await request(app).get('/health')
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ status: 'ok' })
  })

  it('says unavailable with a 503 when the database has gone', async () => {
    const { app, db } = aTestApp()
    db.close()
    const response = await request(app).get('/health')
    expect(response.status).toBe(503)
    expect(response.body.status).toBe('unavailable')
  })
})
