import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openStore } from '../../store/open-store'
import type { Store } from '../../store/store'
import { TEST_MAPPING_YAML } from '../api-test-fixture'
import { createApp } from '../create-app'
import { ErrorResponseSchema } from '../schemas/common-schemas'
import { startServer } from '../serve'
import type { RunningServer } from '../serve'
import { addUser } from './accounts'
import { TEST_PASSWORD } from './auth-test-kit'
import { createLocalAuth } from './local-auth'

let store: Store
let server: RunningServer

beforeAll(async () => {
  store = await openStore({ db: ':memory:' })
  await store.saveMappingVersion(TEST_MAPPING_YAML)
  const actor = { name: 'operator', via: 'cli', address: null, nowMs: Date.now() }
  await addUser(store, { name: 'ada', password: TEST_PASSWORD, admin: true }, actor)
  // no --trust-proxy: forwarded headers are not believed
  const auth = createLocalAuth({ store, clock: Date.now, throttle: { perAddress: 1000 } })
  server = await startServer({ app: createApp({ store, clock: Date.now, auth }), port: 0 })
})

afterAll(async () => {
  await server.close()
  await store.close()
})

const login = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })

describe('sign-in over a real socket', () => {
  test('answers every bad sign-in body with a 4xx in the one error format and starts no session', async () => {
    const bodies = [
      '',
      'not json',
      '[]',
      'null',
      '{}',
      JSON.stringify({ name: 'ada' }),
      JSON.stringify({ name: 'ada', password: 42 }),
      JSON.stringify({ name: '', password: '' }),
      JSON.stringify({ name: 'ada', password: 'x'.repeat(5000) }),
      JSON.stringify({ name: { $ne: null }, password: TEST_PASSWORD }),
      JSON.stringify({ name: "ada' OR 1=1 --", password: TEST_PASSWORD }),
    ]
    for (const body of bodies) {
      const res = await login(body)
      expect(res.status, body.slice(0, 40)).toBeGreaterThanOrEqual(400)
      expect(res.status, body.slice(0, 40)).toBeLessThan(500)
      expect(ErrorResponseSchema.safeParse(await res.json()).success).toBe(true)
      expect(res.headers.get('set-cookie')).toBeNull()
    }
    const form = await login('name=ada', { 'content-type': 'application/x-www-form-urlencoded' })
    expect(form.status).toBe(415)
    expect(await store.listAudit({ limit: 1000 })).not.toContainEqual(
      expect.objectContaining({ action: 'auth.login', detail: { outcome: 'succeeded' } }),
    )
  })

  test('records the socket peer and ignores forwarded headers without --trust-proxy', async () => {
    const res = await login(JSON.stringify({ name: 'ada', password: TEST_PASSWORD }), {
      'x-forwarded-for': '203.0.113.66',
      'x-forwarded-proto': 'https',
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).not.toMatch(/Secure/)
    const [entry] = await store.listAudit({ limit: 1 })
    expect(entry).toMatchObject({ action: 'auth.login', address: '127.0.0.1' })
    const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? ''
    const read = await fetch(`${server.url}/api/v1/mapping`, { headers: { cookie } })
    expect(read.status).toBe(200)
    const anonymous = await fetch(`${server.url}/api/v1/mapping`)
    expect(anonymous.status).toBe(401)
  })
})
