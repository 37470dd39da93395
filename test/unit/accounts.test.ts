import { safeReturnPath } from '../../server/middleware/signedIn'
import { lifetimeInWords } from '../../server/presenters/accountEmails'
import { hashPassword, newPasswordProblem, passwordMatches } from '../../server/services/accounts/passwords'
import { maySeeByName, viewerOfAccount } from '../../server/services/viewer'

describe('new passwords', () => {
  it.each([
    ['', 'Enter a password'],
    ['short', 'at least 8 characters'],
    ['x'.repeat(129), '128 characters or fewer'],
    ['qwertyuiop', 'too common'],
    ['iloveyou123', 'too common'],
    ['aaaaaaaaaa', 'too easy to guess'],
  ])('%j is refused: %s', (password, reason) => {
    expect(newPasswordProblem(password)).toContain(reason)
  })

  it.each(['purple kettle garden bus', 'Tr0ub4dor&3 horse', 'my walking group meets on tuesdays'])(
    '%j will do: no rules about capitals, numbers or symbols',
    (password) => {
      expect(newPasswordProblem(password)).toBeNull()
    },
  )

  it("may not be the person's own email address or name", () => {
    expect(newPasswordProblem('Betty.Boothroyd@example.org', ['betty.boothroyd@example.org'])).toContain(
      'must not be your name or email address',
    )
  })

  it('is kept as an Argon2id hash with 19 MiB, 2 passes and 1 lane, which only the password matches', async () => {
    const hash = await hashPassword('purple kettle garden bus')
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(await passwordMatches(hash, 'purple kettle garden bus')).toBe(true)
    expect(await passwordMatches(hash, 'purple kettle garden bu')).toBe(false)
    expect(await passwordMatches('not a hash', 'anything')).toBe(false)
  })
})

describe('the viewer an account is', () => {
  it('follows the role and hubs of the account, never anything else', () => {
    expect(viewerOfAccount({ id: 1, role: 'member', allHubs: false, hubIds: [3] })).toEqual({
      kind: 'member',
      accountId: 1,
      hubIds: [3],
    })
    expect(viewerOfAccount({ id: 2, role: 'peer_lead', allHubs: false, hubIds: [3] })).toEqual({
      kind: 'hubLead',
      accountId: 2,
      role: 'peer-lead',
      hubIds: [3],
    })
    expect(viewerOfAccount({ id: 4, role: 'admin', allHubs: false, hubIds: [] })).toEqual({
      kind: 'admin',
      accountId: 4,
    })
  })

  it('a coordinator of all hubs sees by name the people of any hub who chose "coordinators"', () => {
    const everywhere = viewerOfAccount({ id: 3, role: 'coordinator', allHubs: true, hubIds: [] })
    const oneHub = viewerOfAccount({ id: 5, role: 'coordinator', allHubs: false, hubIds: [1] })
    const person = { visibility: 'coordinators' as const, hubId: 9 }
    expect(maySeeByName(everywhere, person)).toBe(true)
    expect(maySeeByName(oneHub, person)).toBe(false)
  })
})

describe('where sign-in may send someone back to', () => {
  it.each([
    ['/account/password', '/account/password'],
    ['/hubs/thanet?page=2', '/hubs/thanet?page=2'],
    ['//evil.example/', null],
    ['https://evil.example/', null],
    ['/\\evil.example', null],
    ['/account\r\nSet-Cookie: x', null],
    [['/a', '/b'], null],
  ])('%j -> %j', (asked, expected) => {
    expect(safeReturnPath(asked)).toBe(expected)
  })
})

describe('how long a link works, in an email', () => {
  it.each([
    [15, '15 minutes'],
    [60, '1 hour'],
    [1440, '24 hours'],
  ])('%i minutes is "%s"', (minutes, words) => {
    expect(lifetimeInWords(minutes)).toBe(words)
  })
})
