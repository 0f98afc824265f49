import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openStore } from '../../store/open-store'
import type { Store } from '../../store/store'
import type { OidcSettings } from '../../config/auth-config'
import { TEST_MAPPING_YAML } from '../api-test-fixture'
import { createApp } from '../create-app'
import { startServer } from '../serve'
import type { RunningServer } from '../serve'
import { createLocalAuth } from './local-auth'
import { createOidcClient } from './oidc-client'
import { freePort, startTestOidcProvider } from './oidc-test-provider'
import type { TestOidcProvider } from './oidc-test-provider'

const SECRET = 'test client secret, never printed'
let store: Store
let server: RunningServer
let provider: TestOidcProvider
/** The openvmo side: groups of the provider to roles. */
function settingsOf(issuer: string): OidcSettings {
  return {
    issuer,
    clientId: 'openvmo',
    clientSecret: SECRET,
    tokenEndpointAuthMethod: 'client_secret_basic',
    displayName: 'Test IdP',
    groupsClaim: 'groups',
    scopes: ['openid', 'profile', 'email'],
    roles: {
      admin: ['vmo-admins'],
      streams: {
        Payments: { editor: ['payments-team'], viewer: [] },
        Mobile: { editor: [], viewer: ['staff'] },
      },
    },
  }
}

const ACCOUNTS = {
  ada: { name: 'Ada Lovelace', email: 'ada@example.com', groups: ['vmo-admins'] },
  bob: { name: 'Bob', groups: ['payments-team', 'staff'] },
  eve: { name: 'Eve', groups: ['staff'] },
}

beforeAll(async () => {
  const port = await freePort()
  const publicUrl = `http://127.0.0.1:${port}`
  const redirectUri = `${publicUrl}/api/v1/auth/oidc/callback`
  provider = await startTestOidcProvider({
    clientId: 'openvmo',
    clientSecret: SECRET,
    redirectUris: [redirectUri],
    // read at every sign-in: a test may change someone's groups
    accounts: ACCOUNTS,
  })
  const settings = settingsOf(provider.issuer)
  store = await openStore({ db: ':memory:' })
  await store.saveMappingVersion(TEST_MAPPING_YAML)
  const oidc = createOidcClient(settings, redirectUri)
  const auth = createLocalAuth({ store, clock: Date.now, oidc })
  server = await startServer({ app: createApp({ store, clock: Date.now, auth }), port })
})

afterAll(async () => {
  await server.close()
  await provider.close()
  await store.close()
})

/** A browser's cookies for one origin (name → value), enough for these redirects. */
class Jar {
  readonly cookies = new Map<string, string>()
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';')
      const [name = '', value = ''] = pair.split('=')
      const gone = value === '' || attributes.some((a) => /max-age=0\b/i.test(a.trim()))
      if (gone) this.cookies.delete(name.trim())
      else this.cookies.set(name.trim(), value)
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }
}

async function get(url: string, jar: Jar, init: RequestInit = {}) {
  const res = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
  })
  jar.take(res)
  return res
}

const location = (res: Response, base: string) => new URL(res.headers.get('location') ?? '', base)

/** Follows the provider's redirects and its login form until it sends the browser back. */
async function atProvider(start: URL, login: string, jar: Jar): Promise<URL> {
  let url = start
  for (let hop = 0; hop < 10; hop++) {
    if (url.origin !== provider.issuer) return url
    let res = await get(url.href, jar)
    if (res.status === 200 && url.pathname.startsWith('/interaction/')) {
      const form = new URLSearchParams({ prompt: 'login', login, password: 'any' })
      res = await get(url.href, jar, {
        method: 'POST',
        body: form,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
    }
    url = location(res, url.href)
  }
  throw new Error('the provider did not send the browser back')
}

/** The whole flow as a browser runs it; the openvmo jar and where the callback redirected. */
async function signInAs(login: string) {
  const app = new Jar()
  const started = await get(`${server.url}/api/v1/auth/oidc/login?returnTo=/streams/Payments`, app)
  expect(started.status).toBe(302)
  const back = await atProvider(location(started, server.url), login, new Jar())
  const done = await get(back.href, app)
  return { app, done, landed: location(done, server.url) }
}

describe('sign-in through a real OpenID provider over HTTP', () => {
  test('starts a session with the roles the groups map to, and audits it', async () => {
    const { app, done, landed } = await signInAs('bob')
    expect(done.status).toBe(302)
    expect(landed.pathname + landed.search).toBe('/streams/Payments')
    expect(done.headers.getSetCookie().join('\n')).toMatch(/vmo_session=.*HttpOnly.*SameSite=Lax/i)
    const me = (await (await get(`${server.url}/api/v1/auth/me`, app)).json()) as {
      grants: unknown
    }
    expect(me).toMatchObject({ name: 'bob', displayName: 'Bob', via: 'session', admin: false })
    expect(me.grants).toEqual([
      { stream: 'Mobile', role: 'viewer' },
      { stream: 'Payments', role: 'editor' },
    ])
    const [entry] = await store.listAudit({ actor: 'bob', limit: 1 })
    expect(entry).toMatchObject({
      action: 'auth.login',
      via: 'oidc',
      detail: { outcome: 'succeeded', subject: 'bob', issuer: provider.issuer },
    })
  })

  test('makes an admin of a member of an admin group, and finds the same account again', async () => {
    const first = await signInAs('ada')
    const me = await (await get(`${server.url}/api/v1/auth/me`, first.app)).json()
    expect(me).toMatchObject({ name: 'ada', displayName: 'Ada Lovelace', admin: true })
    await signInAs('ada')
    expect((await store.listUsers()).filter((u) => u.displayName === 'Ada Lovelace')).toHaveLength(
      1,
    )
    const users = await get(`${server.url}/api/v1/users`, first.app)
    expect(users.status).toBe(200)
  })

  test('refuses a user whose groups map to no role: no session, no account, audited', async () => {
    const { app, landed } = await signInAs('mallory')
    expect(landed.pathname + landed.search).toBe('/?signInError=no_role')
    expect(app.cookies.has('vmo_session')).toBe(false)
    expect(await store.findUser({ name: 'mallory' })).toBeUndefined()
    const [entry] = await store.listAudit({ limit: 1 })
    expect(entry).toMatchObject({ via: 'oidc', detail: { outcome: 'failed', reason: 'no_role' } })
  })

  test('refuses a callback whose state is not this browser’s, and one without a sign-in', async () => {
    const app = new Jar()
    const started = await get(`${server.url}/api/v1/auth/oidc/login`, app)
    const back = await atProvider(location(started, server.url), 'bob', new Jar())
    back.searchParams.set('state', 'forged')
    const forged = await get(back.href, app)
    expect(location(forged, server.url).search).toBe('?signInError=bad_state')
    expect(app.cookies.has('vmo_session')).toBe(false)
    const stranger = await get(back.href, new Jar())
    expect(location(stranger, server.url).search).toBe('?signInError=bad_state')
    const [entry] = await store.listAudit({ limit: 1 })
    expect(entry).toMatchObject({ detail: { outcome: 'failed', reason: 'bad_state' } })
  })

  test('explains a sign-in the user declined at the provider', async () => {
    const app = new Jar()
    await get(`${server.url}/api/v1/auth/oidc/login`, app)
    const declined = await get(
      `${server.url}/api/v1/auth/oidc/callback?error=access_denied&error_description=no`,
      app,
    )
    expect(location(declined, server.url).search).toBe('?signInError=denied')
    expect(app.cookies.has('vmo_session')).toBe(false)
  })

  test('requires sign-in and tells the sign-in page the provider, never the secret', async () => {
    expect((await fetch(`${server.url}/api/v1/portfolio`)).status).toBe(401)
    const providers = await (await fetch(`${server.url}/api/v1/auth/providers`)).json()
    expect(providers).toEqual({
      local: false,
      oidc: { displayName: 'Test IdP', loginUrl: '/api/v1/auth/oidc/login' },
    })
    const audit = JSON.stringify(await store.listAudit({ limit: 1000 }))
    expect(audit).not.toContain(SECRET)
  })

  test('returns only to paths of this site', async () => {
    for (const returnTo of ['https://evil.example', '//evil.example', '/\\evil.example']) {
      const app = new Jar()
      const started = await get(
        `${server.url}/api/v1/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`,
        app,
      )
      const back = await atProvider(location(started, server.url), 'bob', new Jar())
      const done = await get(back.href, app)
      expect(done.headers.get('location')).toBe('/')
    }
  })

  test('takes the roles and sessions of a known user whose groups no longer map to any', async () => {
    const before = await signInAs('eve')
    expect((await get(`${server.url}/api/v1/auth/me`, before.app)).status).toBe(200)
    ACCOUNTS.eve.groups = ['former-staff']
    const after = await signInAs('eve')
    expect(after.landed.search).toBe('?signInError=no_role')
    expect((await get(`${server.url}/api/v1/auth/me`, before.app)).status).toBe(401)
    const eve = await store.findUser({ name: 'eve' })
    expect(await store.listStreamRoles(eve?.id ?? '')).toEqual([])
  })

  test('refuses a disabled account', async () => {
    const bob = await store.findUser({ name: 'bob' })
    await store.updateUser(bob?.id ?? '', { disabled: true }, new Date().toISOString())
    const { app, landed } = await signInAs('bob')
    expect(landed.search).toBe('?signInError=disabled')
    expect(app.cookies.has('vmo_session')).toBe(false)
    await store.updateUser(bob?.id ?? '', { disabled: false }, new Date().toISOString())
  })
})

test('sends the browser back with an explanation when the provider cannot be reached', async () => {
  const closed = `http://127.0.0.1:${await freePort()}`
  const settings = settingsOf(closed)
  const local = await openStore({ db: ':memory:' })
  try {
    const oidc = createOidcClient(settings, 'http://127.0.0.1/api/v1/auth/oidc/callback')
    const app = createApp({
      store: local,
      clock: Date.now,
      auth: createLocalAuth({ store: local, clock: Date.now, oidc }),
    })
    const res = await app.request('/api/v1/auth/oidc/login')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/?signInError=unreachable')
    const [entry] = await local.listAudit({ limit: 1 })
    expect(entry).toMatchObject({
      via: 'oidc',
      detail: { outcome: 'failed', reason: 'unreachable' },
    })
  } finally {
    await local.close()
  }
})
