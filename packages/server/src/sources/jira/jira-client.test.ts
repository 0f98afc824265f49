import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, test } from 'vitest'
import { isVmoError } from '@openvmo/core'
import { createJiraClient } from './jira-client'
import type { JiraClientOptions } from './jira-client'

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void

interface Seen {
  atMs: number
  authorization?: string
  inFlight: number
}

const servers: ReturnType<typeof createServer>[] = []

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

// A server answering request n (0-based) with `handler`; it records what it saw.
async function serve(handler: Handler): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = []
  let inFlight = 0
  const server = createServer((req, res) => {
    inFlight++
    res.on('close', () => inFlight--)
    seen.push({ atMs: Date.now(), authorization: req.headers.authorization, inFlight })
    handler(req, res, seen.length - 1)
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

function answer(res: ServerResponse, status: number, headers: Record<string, string>) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end('{}')
}

function client(url: string, options: Partial<JiraClientOptions> = {}) {
  return createJiraClient({
    sourceName: 'acme',
    baseUrl: url,
    deployment: 'cloud',
    email: 'ada@example.com',
    token: 'sekret-api-key',
    timeoutMs: 500,
    concurrency: 4,
    retry: { limit: 3, baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  })
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a failure')
    },
    (error: Error) => error,
  )
}

describe('the Jira client', () => {
  test('sends basic auth on Cloud and a bearer token on Data Center', async () => {
    const { url, seen } = await serve((_, res) => json(res, 200, {}))
    await client(url).request({ path: '/rest/api/3/myself' })
    await client(url, { deployment: 'data_center' }).request({ path: '/rest/api/2/myself' })
    expect(seen.map((s) => s.authorization)).toEqual([
      `Basic ${Buffer.from('ada@example.com:sekret-api-key').toString('base64')}`,
      'Bearer sekret-api-key',
    ])
  })

  test('waits what Retry-After asks before retrying when jira answers 429', async () => {
    const { url, seen } = await serve((_, res, n) =>
      n === 0 ? answer(res, 429, { 'retry-after': '1' }) : json(res, 200, { ok: true }),
    )
    expect(await client(url).request({ path: '/x' })).toEqual({ ok: true })
    expect(seen).toHaveLength(2)
    expect((seen[1]?.atMs ?? 0) - (seen[0]?.atMs ?? 0)).toBeGreaterThanOrEqual(950)
  })

  test('does not retry when jira answers 400 and names the request and jira message', async () => {
    const { url, seen } = await serve((_, res) =>
      json(res, 400, { errorMessages: ["Field 'x' does not exist."], errors: {} }),
    )
    const error = await failure(client(url).request({ path: '/rest/api/3/search/jql', body: {} }))
    expect(seen).toHaveLength(1)
    expect(isVmoError(error, 'INVALID_INPUT')).toBe(true)
    expect(error.message).toBe(
      `jira source "acme": POST /rest/api/3/search/jql answered http 400 (jira: "Field 'x' does not exist.")`,
    )
  })

  test('retries 5xx up to the limit, then stops with CONNECTOR_UNAVAILABLE', async () => {
    const { url, seen } = await serve((_, res) => json(res, 502, {}))
    const error = await failure(client(url).request({ path: '/rest/api/3/myself' }))
    expect(seen).toHaveLength(4)
    expect(isVmoError(error, 'CONNECTOR_UNAVAILABLE')).toBe(true)
  })

  test('retries a body that stalls after the headers when the timeout passes', async () => {
    const { url, seen } = await serve((_, res, n) => {
      if (n > 0) return json(res, 200, { whole: true })
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
      res.write('{"wh')
    })
    expect(await client(url, { timeoutMs: 200 }).request({ path: '/x' })).toEqual({ whole: true })
    expect(seen).toHaveLength(2)
  })

  test('keeps at most `concurrency` requests in flight', async () => {
    const { url, seen } = await serve((_, res) => setTimeout(() => json(res, 200, {}), 20))
    const http = client(url, { concurrency: 2 })
    await Promise.all(Array.from({ length: 8 }, () => http.request({ path: '/x' })))
    expect(Math.max(...seen.map((s) => s.inFlight))).toBe(2)
  })

  test('says the sign-in is locked when jira answers 403 with a captcha challenge', async () => {
    const { url } = await serve((_, res) =>
      answer(res, 403, { 'x-seraph-loginreason': 'AUTHENTICATION_DENIED' }),
    )
    const error = await failure(client(url).request({ path: '/rest/api/3/myself' }))
    expect(isVmoError(error, 'CONNECTOR_AUTH_FAILED')).toBe(true)
    expect(error.message).toMatch(/sign-in is locked behind a captcha/)
  })

  test('leaves nothing to reject unhandled when the caller aborts after a failed request', async () => {
    const { url, seen } = await serve((_, res) => json(res, 500, { errorMessages: ['boom'] }))
    const controller = new AbortController()
    const error = await failure(client(url).request({ path: '/x', signal: controller.signal }))
    expect(isVmoError(error, 'CONNECTOR_UNAVAILABLE')).toBe(true)
    expect(seen).toHaveLength(4)
    const unhandled: unknown[] = []
    const note = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', note)
    controller.abort()
    await new Promise((resolve) => setTimeout(resolve, 50))
    process.off('unhandledRejection', note)
    expect(unhandled).toEqual([])
  })

  test('rejects with the abort reason and does not retry when the caller aborts', async () => {
    const { url, seen } = await serve(() => undefined)
    const controller = new AbortController()
    const pending = client(url).request({ path: '/x', signal: controller.signal })
    setTimeout(() => controller.abort(new Error('stopped by ctrl-c')), 20)
    expect((await failure(pending)).message).toBe('stopped by ctrl-c')
    expect(seen).toHaveLength(1)
  })
})
