import { ConfigError, loadConfig } from '../../server/config'

describe('configuration from the environment', () => {
  it('works with nothing set, for a newcomer', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      databasePath: 'data/common-ground.sqlite',
      baseUrl: 'http://localhost:3000',
      privacyMinCount: 5,
      searchRadiusMiles: 10,
    })
    expect(config.tileUrl).toContain('{z}')
  })

  it('reads every variable it knows', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      DATABASE_PATH: '/var/lib/cg.sqlite',
      BASE_URL: 'https://commonground.example.org',
      SESSION_SECRET: 'x'.repeat(40),
      TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png',
      TILE_ATTRIBUTION: 'Tiles by Example',
      PRIVACY_MIN_COUNT: '8',
      SEARCH_RADIUS_MILES: '5',
      SMTP_URL: 'smtp://user:secret@mail.example.org:587',
      MAIL_FROM: 'Common Ground <hello@example.org>',
      AUDIT_RETENTION_DAYS: '365',
    })
    expect(config).toMatchObject({
      env: 'production',
      port: 8080,
      databasePath: '/var/lib/cg.sqlite',
      baseUrl: 'https://commonground.example.org',
      tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png',
      tileAttribution: 'Tiles by Example',
      privacyMinCount: 8,
      searchRadiusMiles: 5,
      smtpUrl: 'smtp://user:secret@mail.example.org:587',
      mailFrom: 'Common Ground <hello@example.org>',
      auditRetentionDays: 365,
    })
  })

  it('keeps email in the outbox and the audit log for two years unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ smtpUrl: null, auditRetentionDays: 730 })
  })

  it('gives a person asked to help a week to answer, and anonymises closed introductions after 12 months', () => {
    expect(loadConfig({})).toMatchObject({ introductionAnswerDays: 7, introductionRetentionMonths: 12 })
    expect(loadConfig({ INTRODUCTION_ANSWER_DAYS: '10', INTRODUCTION_RETENTION_MONTHS: '6' })).toMatchObject({
      introductionAnswerDays: 10,
      introductionRetentionMonths: 6,
    })
    expect(() => loadConfig({ INTRODUCTION_ANSWER_DAYS: '0' })).toThrow(
      'INTRODUCTION_ANSWER_DAYS must be 1 day or more',
    )
    expect(() => loadConfig({ INTRODUCTION_RETENTION_MONTHS: 'a year' })).toThrow(
      'INTRODUCTION_RETENTION_MONTHS must be a whole number of months',
    )
  })

  it('gives requests under way 10 seconds to finish when the app is asked to stop, unless told otherwise', () => {
    expect(loadConfig({}).shutdownGraceMs).toBe(10_000)
    expect(loadConfig({ SHUTDOWN_GRACE_MS: '2500' }).shutdownGraceMs).toBe(2500)
    expect(() => loadConfig({ SHUTDOWN_GRACE_MS: 'ten seconds' })).toThrow(
      'SHUTDOWN_GRACE_MS must be a whole number of milliseconds',
    )
    expect(() => loadConfig({ SHUTDOWN_GRACE_MS: '600000' })).toThrow(
      'SHUTDOWN_GRACE_MS must be 120000 (two minutes) or less',
    )
  })

  it('shows error details only when NODE_ENV is set to development on purpose', () => {
    expect(loadConfig({}).showErrorDetails).toBe(false)
    expect(loadConfig({ NODE_ENV: '' }).showErrorDetails).toBe(false)
    expect(loadConfig({ NODE_ENV: 'test' }).showErrorDetails).toBe(false)
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) }).showErrorDetails).toBe(
      false,
    )
    expect(loadConfig({ NODE_ENV: 'development' }).showErrorDetails).toBe(true)
  })

  it('keeps compiled templates (as npm start runs, with NODE_ENV unset) except in development on purpose', () => {
    expect(loadConfig({}).cacheViews).toBe(true)
    expect(loadConfig({ NODE_ENV: 'test' }).cacheViews).toBe(true)
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) }).cacheViews).toBe(true)
    expect(loadConfig({ NODE_ENV: 'development' }).cacheViews).toBe(false)
  })

  it.each([
    [{ PORT: 'eighty' }, /^Configuration problem: PORT must be a whole number$/],
    [{ PORT: '70000' }, /PORT must be between 0 and 65535/],
    [{ PRIVACY_MIN_COUNT: '1' }, /PRIVACY_MIN_COUNT must be 2 or more/],
    [{ SEARCH_RADIUS_MILES: '80' }, /SEARCH_RADIUS_MILES must be 1, 3, 5, 10, 25 or 50/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV must be development, test or production/],
    [{ TILE_URL: 'http://tiles.example.org/tile.png' }, /TILE_URL must be an https address/],
    [{ AUDIT_RETENTION_DAYS: '7' }, /AUDIT_RETENTION_DAYS must be 30 days or more/],
    [{ SMTP_URL: 'mail server' }, /SMTP_URL must be a full address/],
    [{ BASE_URL: 'not a url' }, /BASE_URL must be a full web address/],
    [{ NODE_ENV: 'production' }, /SESSION_SECRET is required when NODE_ENV is production/],
    [{ NODE_ENV: 'production', SESSION_SECRET: 'short' }, /SESSION_SECRET must be at least 32 characters/],
  ])('stops with one plain line naming the variable for %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })
})
