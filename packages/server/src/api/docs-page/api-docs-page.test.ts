import { describe, expect, test } from 'vitest'
import { createTestApp } from '../api-test-fixture'

const TYPES: Partial<Record<string, RegExp>> = {
  css: /^text\/css/,
  js: /^text\/javascript/,
}

describe('GET /api/docs', () => {
  test('is an HTML page whose scripts and styles are all served by this server', async () => {
    const { app } = await createTestApp()
    const res = await app.request('/api/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    const html = await res.text()
    expect(html).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>\s*\S/)
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '')
    expect(refs.length).toBeGreaterThanOrEqual(3)
    for (const ref of refs) {
      expect(ref, 'same-origin path').toMatch(/^\/api\/docs\/assets\/[\w.-]+$/)
      const asset = await app.request(ref)
      expect(asset.status, ref).toBe(200)
      const ext = ref.slice(ref.lastIndexOf('.') + 1)
      expect(asset.headers.get('content-type'), ref).toMatch(TYPES[ext] ?? /^$/)
      expect((await asset.arrayBuffer()).byteLength, ref).toBeGreaterThan(100)
    }
  })

  test('the start script reads the OpenAPI document of this server', async () => {
    const { app } = await createTestApp()
    const script = await (await app.request('/api/docs/assets/init.js')).text()
    expect(script).toContain("url: '/api/openapi.json'")
    expect(script).toContain('validatorUrl: null')
  })

  test('an unknown asset is a 404 in the one error format', async () => {
    const { app } = await createTestApp()
    for (const name of ['index.html', 'package.json', '..%2Fpackage.json']) {
      const res = await app.request(`/api/docs/assets/${name}`)
      expect(res.status, name).toBe(404)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND')
    }
  })
})
