import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { Store } from '../../store/store'
import type { StoreContractTarget } from '../../store/testing/store-contract'
import { createPostgresTarget, createSqliteTarget } from '../../store/testing/store-test-targets'
import type { AuthTestApp } from './auth-test-kit'
import { TEST_PASSWORD, createAuthTestApp } from './auth-test-kit'

const DAY = 86_400_000
const json = (value: unknown) => JSON.stringify(value)

interface CreatedToken {
  id: string
  secret: string
  role: string
  expiresAt: string
  lastUsedAt: string | null
}

for (const [dialect, createTarget] of [
  ['sqlite', createSqliteTarget],
  ['postgres', createPostgresTarget],
] as const) {
  describe(`${dialect}: API tokens and the audit log`, () => {
    let target: StoreContractTarget
    let store: Store
    let t: AuthTestApp
    beforeEach(async () => {
      target = await createTarget()
      store = await target.open()
      t = await createAuthTestApp(store)
      await t.addUser('ada', { admin: true })
      await t.addUser('bob')
    })
    afterEach(async () => {
      await store.close()
      await target.dispose()
    })

    const createToken = async (who: string, body: Record<string, unknown>) => {
      const { cookie, csrf } = await t.signIn(who)
      const res = await t.request('/api/v1/tokens', {
        method: 'POST',
        cookie,
        csrf,
        body: json(body),
      })
      return { res, cookie, csrf }
    }

    test('shows a new token once, stores only its hash, and lets it act as its user with Bearer', async () => {
      const { res, cookie } = await createToken('ada', {
        name: 'ci',
        role: 'editor',
        expiresInDays: 30,
      })
      expect(res.status).toBe(201)
      const token = (await res.json()) as CreatedToken
      expect(token).toMatchObject({ role: 'editor', lastUsedAt: null })
      expect(token.secret).toMatch(/^vmo_[\w-]{43}$/)
      expect(token.expiresAt).toBe(new Date(t.clock.now + 30 * DAY).toISOString())
      const rows = JSON.stringify(await target.raw().selectFrom('api_tokens').selectAll().execute())
      expect(rows).not.toContain(token.secret)
      const listed = await (await t.request('/api/v1/tokens', { cookie })).text()
      expect(listed).toContain(token.id)
      expect(listed).not.toContain(token.secret)
      const bearer = { authorization: `Bearer ${token.secret}` }
      const me = await t.request('/api/v1/auth/me', { headers: bearer })
      // an editor token of an admin: every stream, but not admin
      expect(await me.json()).toMatchObject({
        name: 'ada',
        via: 'token',
        admin: false,
        grants: 'all',
      })
      expect((await t.request('/api/v1/users', { headers: bearer })).status).toBe(403)
      // a viewer token of an admin: viewer of every stream of the mapping
      const viewer = (await (await createToken('ada', { name: 'v' })).res.json()) as CreatedToken
      const asViewer = await t.request('/api/v1/auth/me', {
        headers: { authorization: `Bearer ${viewer.secret}` },
      })
      expect(await asViewer.json()).toMatchObject({
        admin: false,
        grants: [
          { stream: 'Payments', role: 'viewer' },
          { stream: 'Mobile', role: 'viewer' },
        ],
      })
      // a token needs no CSRF header (an admin token: previewing a mapping is for admins)
      const admin = (await (
        await createToken('ada', { name: 'a', role: 'admin' })
      ).res.json()) as CreatedToken
      const preview = await t.request('/api/v1/mapping/preview', {
        method: 'POST',
        headers: { authorization: `Bearer ${admin.secret}` },
        body: json({ yaml: 'timezone: UTC' }),
      })
      expect(preview.status).not.toBe(403)
      expect((await store.findApiToken({ id: token.id }))?.lastUsedAt).toBe(
        new Date(t.clock.now).toISOString(),
      )
    })

    test('refuses revoked and expired tokens, and tokens above their user or made with a token', async () => {
      const { res, cookie, csrf } = await createToken('bob', { name: 'short', expiresInDays: 1 })
      const token = (await res.json()) as CreatedToken
      const bearer = { authorization: `Bearer ${token.secret}` }
      expect((await t.request('/api/v1/value-streams', { headers: bearer })).status).toBe(200)
      const minted = await t.request('/api/v1/tokens', {
        method: 'POST',
        headers: bearer,
        body: json({ name: 'more' }),
      })
      expect(minted.status).toBe(403)
      const above = await t.request('/api/v1/tokens', {
        method: 'POST',
        cookie,
        csrf,
        body: json({ name: 'root', role: 'admin' }),
      })
      expect(above.status).toBe(403)
      expect(await above.json()).toMatchObject({
        error: {
          code: 'FORBIDDEN',
          message:
            'role "admin" is above yours ("viewer"): a token may do at most what its user may',
        },
      })
      t.clock.now += DAY
      expect((await t.request('/api/v1/value-streams', { headers: bearer })).status).toBe(401)
      const second = (await (
        await createToken('bob', { name: 'again' })
      ).res.json()) as CreatedToken
      // bob cannot revoke ada's tokens, nor see them
      const adaToken = (await (await createToken('ada', { name: 'a' })).res.json()) as CreatedToken
      const bobSession = await t.signIn('bob')
      const foreign = await t.request(`/api/v1/tokens/${adaToken.id}`, {
        method: 'DELETE',
        cookie: bobSession.cookie,
        csrf: bobSession.csrf,
      })
      expect(foreign.status).toBe(404)
      const revoke = await t.request(`/api/v1/tokens/${second.id}`, {
        method: 'DELETE',
        cookie: bobSession.cookie,
        csrf: bobSession.csrf,
      })
      expect(revoke.status).toBe(200)
      const secondBearer = { authorization: `Bearer ${second.secret}` }
      expect((await t.request('/api/v1/value-streams', { headers: secondBearer })).status).toBe(401)
    })

    test('answers bad token bodies with 400 in the one error format and creates nothing', async () => {
      const { cookie, csrf } = await t.signIn('ada')
      for (const body of [
        {},
        { name: '' },
        { name: '   ' },
        { name: 'x'.repeat(101) },
        { name: 'ci', role: 'root' },
        { name: 'ci', expiresInDays: 0 },
        { name: 'ci', expiresInDays: 367 },
        { name: 'ci', expiresInDays: 1.5 },
      ]) {
        const res = await t.request('/api/v1/tokens', {
          method: 'POST',
          cookie,
          csrf,
          body: json(body),
        })
        expect(res.status, json(body)).toBe(400)
        expect(await res.json()).toMatchObject({ error: { code: 'INVALID_INPUT' } })
      }
      expect(await store.listApiTokens()).toEqual([])
    })

    test('audits sign-ins (with address), sign-outs, tokens, their use once a minute, and every write', async () => {
      await t.signIn('ada', 'wrong password')
      const { res, cookie, csrf } = await createToken('ada', { name: 'ci', role: 'admin' })
      const token = (await res.json()) as CreatedToken
      const bearer = { authorization: `Bearer ${token.secret}` }
      for (let i = 0; i < 3; i++) await t.request('/api/v1/value-streams', { headers: bearer })
      t.clock.now += 61_000
      await t.request('/api/v1/value-streams', { headers: bearer })
      await t.request('/api/v1/mapping/preview', {
        method: 'POST',
        headers: bearer,
        body: json({ yaml: 'timezone: UTC' }),
      })
      await t.request(`/api/v1/tokens/${token.id}`, { method: 'DELETE', cookie, csrf })
      await t.request('/api/v1/auth/logout', { method: 'POST', cookie, csrf, body: '{}' })
      const admin = await t.signIn('ada')
      const res2 = await t.request('/api/v1/audit?limit=50', { cookie: admin.cookie })
      const entries = ((await res2.json()) as Record<string, unknown>[]).reverse()
      const brief = entries.map((e) => `${e.actor} ${e.via} ${e.action} ${e.target ?? ''}`.trim())
      expect(brief).toEqual([
        'operator cli user.add ada',
        'operator cli user.add bob',
        'ada session auth.login ada',
        'ada session auth.login ada',
        `ada session token.create ${token.id}`,
        `ada token token.use ${token.id}`,
        `ada token token.use ${token.id}`,
        'ada token POST /api/v1/mapping/preview /api/v1/mapping/preview',
        `ada session token.revoke ${token.id}`,
        'ada session auth.logout ada',
        'ada session auth.login ada',
      ])
      expect(entries[2]).toMatchObject({
        address: '198.51.100.7',
        detail: { outcome: 'failed', reason: 'wrong password' },
      })
      expect(entries[3]).toMatchObject({ detail: { outcome: 'succeeded' } })
      expect(entries[7]).toMatchObject({ detail: { status: 200 } })
      expect(JSON.stringify(entries)).not.toContain(TEST_PASSWORD)
      expect(JSON.stringify(entries)).not.toContain(token.secret)
      const bobs = await t.request('/api/v1/audit?user=bob', { cookie: admin.cookie })
      expect(await bobs.json()).toEqual([])
    })
  })
}
