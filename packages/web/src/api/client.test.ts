import { afterEach, expect, test, vi } from 'vitest'
import { ApiError, buildUrl, request, setCsrfToken } from './client'

afterEach(() => vi.unstubAllGlobals())

test('leaves out empty values and joins lists when building a URL', () => {
  expect(
    buildUrl('/api/v1/metrics', {
      stream: 'A B',
      team: undefined,
      from: '',
      types: ['feature', 'debt'],
      n: 3,
    }),
  ).toBe('/api/v1/metrics?stream=A+B&types=feature%2Cdebt&n=3')
  expect(buildUrl('/x', { types: [] })).toBe('/x')
})

test('unwraps the API error format into a thrown ApiError when the answer is not ok', async () => {
  const body = JSON.stringify({ error: { code: 'NOT_FOUND', message: "no value stream 'X'" } })
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(body, { status: 404 })),
  )
  const error = await request('/api/v1/metrics').catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ApiError)
  expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404, message: "no value stream 'X'" })
})

test('reports a network failure as NETWORK_ERROR when the server cannot be reached', async () => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => Promise.reject(new TypeError('fetch failed'))),
  )
  await expect(request('/api/v1/items')).rejects.toMatchObject({ code: 'NETWORK_ERROR' })
})

test('sends JSON bodies and returns the parsed answer when it succeeds', async () => {
  const fetch = vi.fn(async () => new Response('{"valid":true}', { status: 200 }))
  vi.stubGlobal('fetch', fetch)
  expect(
    await request('/api/v1/mapping/preview', { method: 'POST', body: { yaml: 'a: 1' } }),
  ).toEqual({ valid: true })
  expect(fetch).toHaveBeenCalledWith(
    '/api/v1/mapping/preview',
    expect.objectContaining({ method: 'POST', body: '{"yaml":"a: 1"}' }),
  )
})

test("sends the session's CSRF token with every write, never with a read", async () => {
  const headers: Record<string, string>[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      headers.push(init.headers as Record<string, string>)
      return Response.json({})
    }),
  )
  setCsrfToken('t0k3n')
  try {
    await request('/api/v1/mapping')
    await request('/api/v1/tokens', { method: 'POST', body: {} })
    await request('/api/v1/tokens/x', { method: 'DELETE' })
  } finally {
    setCsrfToken(null)
  }
  await request('/api/v1/tokens', { method: 'POST', body: {} })
  expect(headers.map((h) => h['x-csrf-token'])).toEqual([undefined, 't0k3n', 't0k3n', undefined])
})
