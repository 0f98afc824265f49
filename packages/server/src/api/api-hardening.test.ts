import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { TEST_MAPPING_YAML, TEST_NOW, createTestStore } from './api-test-fixture'
import { createApp } from './create-app'
import { extraAllowedHosts } from './allowed-hosts'
import { parseCorsOrigins } from './cors-origins'

const REBIND = 'rebind.attacker.example'
let webRoot: string | undefined

afterEach(() => {
  if (webRoot) rmSync(webRoot, { recursive: true, force: true })
  webRoot = undefined
})

async function testApp(
  options: { allowedHosts?: string[]; corsOrigins?: string[]; web?: boolean } = {},
) {
  const store = await createTestStore()
  if (options.web) {
    webRoot = mkdtempSync(join(tmpdir(), 'vmo-web-'))
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>openvmo</title>')
    writeFileSync(join(webRoot, 'app.js'), 'console.log(1)')
  }
  const app = createApp({
    store,
    clock: () => TEST_NOW,
    loopback: true,
    allowedHosts: options.allowedHosts,
    corsOrigins: options.corsOrigins,
    webRoot,
  })
  return { store, app }
}

const saveMapping = (host: string) => ({
  method: 'PUT',
  headers: { host, 'content-type': 'application/json', 'if-match': '*' },
  body: JSON.stringify({ yaml: `${TEST_MAPPING_YAML}\n# changed by a rebound page\n` }),
})

describe('host allow-list (DNS rebinding)', () => {
  test('refuses a mapping save naming a foreign host and leaves the mapping unchanged', async () => {
    const { app } = await testApp()
    const before = await (await app.request('/api/v1/mapping')).json()
    const res = await app.request(`http://${REBIND}/api/v1/mapping`, saveMapping(REBIND))
    expect(res.status).toBe(403)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('FORBIDDEN')
    expect(body.error.message).toContain(`host "${REBIND}"`)
    expect(body.error.message).toContain('--public-url')
    expect(await (await app.request('/api/v1/mapping')).json()).toEqual(before)
  })

  test('refuses reads naming a foreign host, so a rebound page cannot read the data', async () => {
    const { app } = await testApp()
    for (const path of ['/api/v1/items?q=PAY', '/api/v1/value-streams', '/api/openapi.json']) {
      const res = await app.request(`http://${REBIND}:4400${path}`, {
        headers: { host: `${REBIND}:4400` },
      })
      expect(res.status, path).toBe(403)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN')
    }
  })

  test.each(['evil.example@127.0.0.1', '127.0.0.1/x', 'localhost evil', ''])(
    'refuses the malformed host %j when it only looks like loopback',
    async (host) => {
      const { app } = await testApp()
      const res = await app.request('/api/v1/value-streams', { headers: { host } })
      expect(res.status).toBe(403)
    },
  )

  test.each(['localhost', 'localhost:4400', '127.0.0.1:4400', '[::1]:4400', 'LOCALHOST:1'])(
    'answers a request naming the loopback host %s',
    async (host) => {
      const { app } = await testApp()
      const res = await app.request('/api/v1/value-streams', { headers: { host } })
      expect(res.status).toBe(200)
    },
  )

  test('answers the public URL host and the listen address when they are configured', async () => {
    const allowedHosts = extraAllowedHosts({
      publicUrl: 'https://VMO.example.com/',
      listenHost: '192.168.1.5',
    })
    expect(allowedHosts).toEqual(['vmo.example.com', '192.168.1.5'])
    const { app } = await testApp({ allowedHosts })
    for (const host of ['vmo.example.com', 'vmo.example.com:443', '192.168.1.5:4400']) {
      const res = await app.request('/api/v1/value-streams', { headers: { host } })
      expect(res.status, host).toBe(200)
    }
    const other = await app.request('/api/v1/value-streams', { headers: { host: REBIND } })
    expect(other.status).toBe(403)
  })

  test('names no host for a wildcard listen address when it listens on every interface', () => {
    expect(extraAllowedHosts({ listenHost: '0.0.0.0' })).toEqual([])
    expect(extraAllowedHosts({ listenHost: '::' })).toEqual([])
    expect(extraAllowedHosts({ listenHost: '127.0.0.1' })).toEqual([])
    expect(extraAllowedHosts({ listenHost: 'fd00::5' })).toEqual(['[fd00::5]'])
  })
})

const csp = (res: Response) => res.headers.get('content-security-policy') ?? ''

function expectSecurityHeaders(res: Response, what: string) {
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff')
  expect(res.headers.get('x-frame-options'), what).toBe('DENY')
  expect(res.headers.get('referrer-policy'), what).toBe('no-referrer')
  expect(csp(res), what).toContain("frame-ancestors 'none'")
  expect(csp(res), what).toMatch(/default-src '(self|none)'/)
  expect(csp(res), what).not.toMatch(/script-src[^;]*unsafe-inline/)
}

describe('security headers', () => {
  test('are on API answers, errors, refusals and the dashboard files when served', async () => {
    const { app } = await testApp({ web: true })
    const answers: [string, Response][] = [
      ['api', await app.request('/api/v1/value-streams')],
      ['not found', await app.request('/api/v1/nothing-here')],
      ['bad input', await app.request('/api/v1/flow/aging?asOf=yesterday')],
      ['foreign host', await app.request('/', { headers: { host: REBIND } })],
      ['dashboard', await app.request('/')],
      ['client route', await app.request('/streams/payments')],
      ['static file', await app.request('/app.js')],
      ['api docs', await app.request('/api/docs')],
    ]
    for (const [what, res] of answers) expectSecurityHeaders(res, what)
    expect(answers.find(([what]) => what === 'dashboard')?.[1].status).toBe(200)
    const api = answers[0]?.[1]
    expect(api && csp(api)).toContain("script-src 'self'")
  })
})

describe('CORS', () => {
  test('allows no other origin when none is configured', async () => {
    const { app } = await testApp()
    const origin = 'https://elsewhere.example'
    const preflight = await app.request('/api/v1/mapping', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull()
    const read = await app.request('/api/v1/value-streams', { headers: { origin } })
    expect(read.headers.get('access-control-allow-origin')).toBeNull()
  })

  test('lets exactly the configured origins read the API when origins are configured', async () => {
    const tools = 'https://tools.example.com'
    const { app } = await testApp({ corsOrigins: parseCorsOrigins(` ${tools}/ ,`, 'test') })
    const preflight = await app.request('/api/v1/value-streams', {
      method: 'OPTIONS',
      headers: { origin: tools, 'access-control-request-method': 'GET' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe(tools)
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull()
    const read = await app.request('/api/v1/value-streams', { headers: { origin: tools } })
    expect(read.headers.get('access-control-allow-origin')).toBe(tools)
    const other = await app.request('/api/v1/value-streams', {
      headers: { origin: 'https://elsewhere.example' },
    })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })

  test.each(['https://tools.example.com/path', 'javascript:alert(1)', '*', 'tools.example.com'])(
    'refuses %s as an origin when reading the configured list',
    (entry) => {
      expect(() => parseCorsOrigins(entry, '--cors-origins')).toThrow(
        `--cors-origins: "${entry}" is not an origin`,
      )
    },
  )
})
