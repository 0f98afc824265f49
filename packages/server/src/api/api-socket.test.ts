import { afterEach, describe, expect, test } from 'vitest'
import { createTestApp } from './api-test-fixture'
import type { RunningServer } from './serve'
import { startServer } from './serve'

let server: RunningServer | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('api over a socket', () => {
  test('serves the metrics and the openapi document on a free loopback port', async () => {
    const { app } = await createTestApp()
    server = await startServer({ app, port: 0 })
    expect(server.port).toBeGreaterThan(0)
    const metrics = await fetch(`${server.url}/api/v1/metrics?from=2024-01-01&to=2024-04-01`)
    expect(metrics.status).toBe(200)
    expect(metrics.headers.get('content-type')).toContain('application/json')
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      openapi: string
      paths: Record<string, unknown>
    }
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toContain('/api/v1/items/{source}/{key}')
  })

  test('answers 304 over the wire for an unchanged resource', async () => {
    const { app } = await createTestApp()
    server = await startServer({ app, port: 0 })
    const first = await fetch(`${server.url}/api/v1/flow/aging`)
    const etag = first.headers.get('etag') ?? ''
    await first.arrayBuffer()
    const second = await fetch(`${server.url}/api/v1/flow/aging`, {
      headers: { 'If-None-Match': etag },
    })
    expect(second.status).toBe(304)
  })

  test('answers errors in the one error format', async () => {
    const { app } = await createTestApp()
    server = await startServer({ app, port: 0 })
    const res = await fetch(`${server.url}/api/v1/flow/cfd?stream=Nope`)
    expect(res.status).toBe(404)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND')
  })

  test('answers a 100 KB URL with 414 in the one error format instead of resetting', async () => {
    const { app } = await createTestApp()
    server = await startServer({ app, port: 0 })
    const res = await fetch(`${server.url}/api/v1/items?q=${'x'.repeat(100_000)}`)
    expect(res.status).toBe(414)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('URI_TOO_LONG')
  })

  test('answers a 10 KB URL with 414 from the app when it fits the parser', async () => {
    const { app } = await createTestApp()
    server = await startServer({ app, port: 0 })
    const res = await fetch(`${server.url}/api/v1/items?q=${'x'.repeat(10_000)}`)
    expect(res.status).toBe(414)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('URI_TOO_LONG')
  })
})
