import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Store } from '../../store/store'
import { TEST_MAPPING_YAML, TEST_NOW } from '../api-test-fixture'
import { createApp } from '../create-app'
import { addUser } from './accounts'
import { createLocalAuth } from './local-auth'
import type { LocalAuthOptions } from './local-auth'

/** The password of every test account (never printed by the code under test). */
export const TEST_PASSWORD = 'correct horse battery staple'

/** An app with local accounts over `store`, and a clock the test moves. */
export interface AuthTestApp {
  app: OpenAPIHono
  store: Store
  clock: { now: number }
  /** Adds an account (admin or with roles per stream) as the CLI would. */
  addUser(name: string, at?: { admin?: boolean }): Promise<void>
  /** Signs in; the session cookie and the CSRF token. */
  signIn(name: string, password?: string): Promise<{ cookie: string; csrf: string; res: Response }>
  request(path: string, init?: RequestInit & { cookie?: string; csrf?: string }): Promise<Response>
}

/** The `name=value` of a Set-Cookie header, or undefined. */
export function cookieOf(res: Response): string | undefined {
  return res.headers.get('set-cookie')?.split(';')[0]
}

/** An app over `store` (its mapping saved) with local accounts, as `vmo serve` builds it. */
export async function createAuthTestApp(
  store: Store,
  options: Partial<LocalAuthOptions> = {},
): Promise<AuthTestApp> {
  await store.saveMappingVersion(TEST_MAPPING_YAML)
  const clock = { now: TEST_NOW }
  const auth = createLocalAuth({ store, clock: () => clock.now, trustProxy: true, ...options })
  const app = createApp({ store, clock: () => clock.now, auth, loopback: true })
  const request: AuthTestApp['request'] = (path, init = {}) => {
    const headers = new Headers(init.headers)
    if (init.cookie) headers.set('cookie', init.cookie)
    if (init.csrf) headers.set('x-csrf-token', init.csrf)
    if (init.body !== undefined && !headers.has('content-type'))
      headers.set('content-type', 'application/json')
    if (!headers.has('x-forwarded-for')) headers.set('x-forwarded-for', '198.51.100.7')
    return Promise.resolve(app.request(path, { ...init, headers }))
  }
  return {
    app,
    store,
    clock,
    request,
    async addUser(name, at = {}) {
      const actor = { name: 'operator', via: 'cli', address: null, nowMs: clock.now }
      await addUser(store, { name, password: TEST_PASSWORD, admin: at.admin ?? false }, actor)
    },
    async signIn(name, password = TEST_PASSWORD) {
      const res = await request('/api/v1/auth/login', {
        method: 'POST',
        body: JSON.stringify({ name, password }),
      })
      const body = (await res.clone().json()) as { csrfToken?: string }
      return { cookie: cookieOf(res) ?? '', csrf: body.csrfToken ?? '', res }
    },
  }
}
