import { ConfigError, loadConfig, testConfig } from '../../server/config'

describe('the search time limit setting (SEARCH_TIME_LIMIT_MS)', () => {
  it('gives a search 800 ms by default, so its page is out within a second', () => {
    expect(loadConfig({}).searchTimeLimitMs).toBe(800)
  })

  it('can be changed, or set to 0 to run searches on the main thread', () => {
    expect(loadConfig({ SEARCH_TIME_LIMIT_MS: '500' }).searchTimeLimitMs).toBe(500)
    expect(loadConfig({ SEARCH_TIME_LIMIT_MS: '0' }).searchTimeLimitMs).toBe(0)
  })

  it('refuses a value that is not a whole number of milliseconds, naming the variable', () => {
    expect(() => loadConfig({ SEARCH_TIME_LIMIT_MS: 'soon' })).toThrow(ConfigError)
    expect(() => loadConfig({ SEARCH_TIME_LIMIT_MS: '-1' })).toThrow(/SEARCH_TIME_LIMIT_MS must be 0 or more/)
    expect(() => loadConfig({ SEARCH_TIME_LIMIT_MS: '2.5' })).toThrow(/SEARCH_TIME_LIMIT_MS/)
  })

  it('keeps tests on the main thread: their database is in memory', () => {
    expect(testConfig().databasePath).toBe(':memory:')
  })
})
