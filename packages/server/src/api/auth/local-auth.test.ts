import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { Store } from '../../store/store'
import type { StoreContractTarget } from '../../store/testing/store-contract'
import { createPostgresTarget, createSqliteTarget } from '../../store/testing/store-test-targets'
import type { AuthTestApp } from './auth-test-kit'
import { TEST_PASSWORD, cookieOf, createAuthTestApp } from './auth-test-kit'
import { grant, setUserDisabled } from './accounts'

const HOUR = 3600_000
const OPERATOR = { name: 'operator', via: 'cli', address: null, nowMs: 0 }
const json = (value: unknown) => JSON.stringify(value)

for (const [dialect, createTarget] of [
  ['sqlite', createSqliteTarget],
  ['postgres', createPostgresTarget],
] as const) {
  describe(`${dialect}: sign-in with local accounts`, () => {
    let target: StoreContractTarget
    let store: Store
    let t: AuthTestApp
    beforeEach(async () => {
      target = await createTarget()
      store = await target.open()
      t = await createAuthTestApp(store)
    })
    afterEach(async () => {
      await store.close()
      await target.dispose()
    })

    test('every request is single-user, as before, while no enabled account exists', async () => {
      expect((await t.request('/api/v1/mapping')).status).toBe(200)
      const me = await t.request('/api/v1/auth/me')
      expect(await me.json()).toMatchObject({ name: 'local', via: 'single-user', admin: true })
      await t.addUser('ada', { admin: true })
      await setUserDisabled(store, { name: 'ada', disabled: true }, OPERATOR)
      expect((await t.request('/api/v1/mapping')).status).toBe(200)
    })

    test('answers 401 in the one error format for every API route but sign-in, the OpenAPI document and webhooks once a user exists', async () => {
      await t.addUser('ada')
      for (const path of [
        '/api/v1/mapping',
        '/api/v1/auth/me',
        '/api/v1/tokens',
        '/api/v1/audit',
      ]) {
        const res = await t.request(path)
        expect(res.status, path).toBe(401)
        expect(await res.json()).toEqual({
          error: {
            code: 'UNAUTHENTICATED',
            message: 'sign in first (POST /api/v1/auth/login) or send a token',
          },
        })
      }
      expect((await t.request('/api/openapi.json')).status).toBe(200)
      const bogus = await t.request('/api/v1/mapping', {
        headers: { authorization: 'Bearer vmo_not-a-token' },
      })
      expect(bogus.status).toBe(401)
      const stale = await t.request('/api/v1/value-streams', { cookie: 'vmo_session=forged' })
      expect(stale.status).toBe(401)
    })

    test('signs in with an HttpOnly SameSite=Lax cookie, a new session id each time, and reads with it', async () => {
      await t.addUser('ada')
      const first = await t.signIn('ada')
      expect(first.res.status).toBe(200)
      const setCookie = first.res.headers.get('set-cookie') ?? ''
      expect(setCookie).toMatch(
        /^vmo_session=[\w-]{43}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/,
      )
      expect(await first.res.json()).toMatchObject({ name: 'ada', via: 'session', admin: false })
      expect((await t.request('/api/v1/value-streams', { cookie: first.cookie })).status).toBe(200)
      const me = await t.request('/api/v1/auth/me', { cookie: first.cookie })
      expect(await me.json()).toMatchObject({ name: 'ada', csrfToken: first.csrf })
      // signing in again (with the old cookie) gives a new id and ends the old session
      const again = await t.request('/api/v1/auth/login', {
        method: 'POST',
        cookie: first.cookie,
        body: json({ name: 'ada', password: TEST_PASSWORD }),
      })
      expect(cookieOf(again)).not.toBe(first.cookie)
      expect((await t.request('/api/v1/value-streams', { cookie: first.cookie })).status).toBe(401)
      expect((await t.request('/api/v1/value-streams', { cookie: cookieOf(again) })).status).toBe(
        200,
      )
      // the store holds only a hash of the id
      const ids = (await target.raw().selectFrom('sessions').select('id_hash').execute()).map(
        (r: { id_hash: string }) => r.id_hash,
      )
      expect(ids).toHaveLength(1)
      expect(cookieOf(again)).not.toContain(ids[0])
    })

    test('marks the cookie Secure behind a trusted proxy that says https', async () => {
      await t.addUser('ada')
      const res = await t.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'x-forwarded-proto': 'https' },
        body: json({ name: 'ada', password: TEST_PASSWORD }),
      })
      expect(res.headers.get('set-cookie')).toMatch(/; Secure/)
    })

    test('refuses a wrong password, an unknown name and a disabled account alike', async () => {
      await t.addUser('ada')
      await t.addUser('bob')
      await setUserDisabled(store, { name: 'bob', disabled: true }, OPERATOR)
      for (const [name, password] of [
        ['ada', 'wrong password!'],
        ['nobody', TEST_PASSWORD],
        ['bob', TEST_PASSWORD],
      ]) {
        const { res } = await t.signIn(name ?? '', password)
        expect(res.status).toBe(401)
        expect(await res.json()).toEqual({
          error: { code: 'UNAUTHENTICATED', message: 'the name or password is wrong' },
        })
      }
    })

    test('ends a session after 8 idle hours and after 7 days however used', async () => {
      await t.addUser('ada')
      const { cookie } = await t.signIn('ada')
      t.clock.now += 7 * HOUR
      expect((await t.request('/api/v1/value-streams', { cookie })).status).toBe(200)
      t.clock.now += 7 * HOUR
      expect((await t.request('/api/v1/value-streams', { cookie })).status).toBe(200)
      t.clock.now += 8 * HOUR + 1
      expect((await t.request('/api/v1/value-streams', { cookie })).status).toBe(401)
      const fresh = await t.signIn('ada')
      // used every 6 hours: alive until 7 days after sign-in, however used
      for (let step = 1; step < 28; step++) {
        t.clock.now += 6 * HOUR
        expect((await t.request('/api/v1/value-streams', { cookie: fresh.cookie })).status).toBe(
          200,
        )
      }
      t.clock.now += 6 * HOUR
      expect((await t.request('/api/v1/value-streams', { cookie: fresh.cookie })).status).toBe(401)
    })

    test('needs the CSRF token of the session for every cookie-authenticated write', async () => {
      await t.addUser('ada')
      const { cookie, csrf } = await t.signIn('ada')
      const body = json({ name: 'ci', role: 'viewer' })
      const without = await t.request('/api/v1/tokens', { method: 'POST', cookie, body })
      expect(without.status).toBe(403)
      expect(await without.json()).toMatchObject({ error: { code: 'FORBIDDEN' } })
      const wrong = await t.request('/api/v1/tokens', {
        method: 'POST',
        cookie,
        csrf: 'f'.repeat(64),
        body,
      })
      expect(wrong.status).toBe(403)
      const logout = await t.request('/api/v1/auth/logout', { method: 'POST', cookie, body: '{}' })
      expect(logout.status).toBe(403)
      expect(
        (await t.request('/api/v1/tokens', { method: 'POST', cookie, csrf, body })).status,
      ).toBe(201)
    })

    test('signs out one session, or every session of the user', async () => {
      await t.addUser('ada')
      const a = await t.signIn('ada')
      const b = await t.signIn('ada')
      const c = await t.signIn('ada')
      const out = await t.request('/api/v1/auth/logout', {
        method: 'POST',
        cookie: a.cookie,
        csrf: a.csrf,
        body: '{}',
      })
      expect(await out.json()).toEqual({ ended: 1 })
      expect(out.headers.get('set-cookie')).toMatch(/^vmo_session=; Max-Age=0/)
      expect((await t.request('/api/v1/value-streams', { cookie: a.cookie })).status).toBe(401)
      expect((await t.request('/api/v1/value-streams', { cookie: b.cookie })).status).toBe(200)
      const all = await t.request('/api/v1/auth/logout-everywhere', {
        method: 'POST',
        cookie: b.cookie,
        csrf: b.csrf,
        body: '{}',
      })
      expect(await all.json()).toEqual({ ended: 2 })
      expect((await t.request('/api/v1/value-streams', { cookie: c.cookie })).status).toBe(401)
    })

    test('throttles sign-ins after 5 failures per account and 20 per address (429, Retry-After)', async () => {
      await t.addUser('ada')
      for (let i = 0; i < 5; i++)
        expect((await t.signIn('ada', 'wrong password')).res.status).toBe(401)
      const throttled = (await t.signIn('ada')).res
      expect(throttled.status).toBe(429)
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(await throttled.json()).toMatchObject({ error: { code: 'TOO_MANY_ATTEMPTS' } })
      // another account from another address is not affected
      await t.addUser('bob')
      const other = await t.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'x-forwarded-for': '203.0.113.9' },
        body: json({ name: 'bob', password: TEST_PASSWORD }),
      })
      expect(other.status).toBe(200)
      // 20 failures from one address, spread over names, block that address for every name
      for (let i = 0; i < 15; i++) await t.signIn(`user${i}`, 'wrong password')
      expect((await t.signIn('bob')).res.status).toBe(429)
    })

    test('gives viewers reads, editors writes of their streams, and admins sources, users and audit', async () => {
      await t.addUser('vic')
      await t.addUser('ada', { admin: true })
      const actor = { name: 'operator', via: 'cli', address: null, nowMs: t.clock.now }
      await grant(store, { name: 'vic', stream: 'Payments', role: 'viewer' }, actor)
      await expect(
        grant(store, { name: 'vic', stream: 'Lending', role: 'viewer' }, actor),
      ).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'no value stream "Lending" in the mapping (known: Payments, Mobile)',
      })
      const vic = await t.signIn('vic')
      const ada = await t.signIn('ada')
      expect(
        await (await t.request('/api/v1/auth/me', { cookie: vic.cookie })).json(),
      ).toMatchObject({
        grants: [{ stream: 'Payments', role: 'viewer' }],
      })
      const save = (who: { cookie: string; csrf: string }) =>
        t.request('/api/v1/mapping', {
          method: 'PUT',
          cookie: who.cookie,
          csrf: who.csrf,
          headers: { 'if-match': '*' },
          body: json({ yaml: '' }),
        })
      expect((await save(vic)).status).toBe(403)
      expect((await save(ada)).status).not.toBe(403)
      for (const path of ['/api/v1/users', '/api/v1/audit', '/api/v1/sources']) {
        expect((await t.request(path, { cookie: vic.cookie })).status, path).toBe(403)
        expect((await t.request(path, { cookie: ada.cookie })).status, path).toBe(200)
      }
      const users = (await (await t.request('/api/v1/users', { cookie: ada.cookie })).json()) as {
        name: string
      }[]
      expect(users.map((u) => u.name)).toEqual(['ada', 'vic'])
      expect(JSON.stringify(users)).not.toContain('argon2')
    })
  })
}
