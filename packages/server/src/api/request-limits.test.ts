import { describe, expect, test } from 'vitest'
import { createTestApp } from './api-test-fixture'
import { REQUEST_LIMITS } from './request-limits'

async function errorOf(res: Response) {
  return ((await res.json()) as { error: { code: string; message: string } }).error
}

describe('request bounds', () => {
  test.each([
    ['/api/v1/forecasts/how-many?date=9999-12-31', /outside the supported dates/],
    [
      '/api/v1/forecasts/how-many?date=2028-01-01',
      /forecasts look at most 1096 days \(3 years\) ahead/,
    ],
    ['/api/v1/forecasts/how-many?date=2024-01-01', /before the as-of date 2024-04-01/],
    ['/api/v1/flow/cfd?period=year&from=1000-01-01&to=9999-12-31', /"1000-01-01" is outside/],
    ['/api/v1/metrics?period=year&from=1980-01-01&to=2020-01-01', /at most 7305 days \(20 years\)/],
    ['/api/v1/metrics?period=day&from=2010-01-01&to=2020-01-01', /at most 1100 per request/],
    ['/api/v1/portfolio?period=day&from=2010-01-01&to=2020-01-01', /at most 1100 per request/],
    ['/api/v1/flow/aging?asOf=3000-01-01T00:00:00Z', /asOf "3000-01-01" is outside/],
  ])('answers 400 naming the limit when %s', async (path, message) => {
    const { app } = await createTestApp()
    const res = await app.request(path)
    expect(res.status).toBe(400)
    const error = await errorOf(res)
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.message).toMatch(message)
  })

  test('answers ranges and horizons at the limits when they are within them', async () => {
    const { app } = await createTestApp()
    for (const path of [
      '/api/v1/metrics?period=week&from=2004-04-05&to=2024-04-01',
      '/api/v1/metrics?period=day&from=2021-04-01&to=2024-04-01',
      '/api/v1/forecasts/how-many?date=2024-04-30',
    ]) {
      const res = await app.request(path)
      expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200)
    }
  })
})

describe('request size and shape', () => {
  const put = (body: RequestInit['body'], headers: Record<string, string>) => ({
    method: 'POST',
    headers,
    body,
  })

  test('answers 414 in the one error format when the URL is longer than the limit', async () => {
    const { app } = await createTestApp()
    const res = await app.request(`/api/v1/items?q=${'x'.repeat(REQUEST_LIMITS.maxUrlBytes)}`)
    expect(res.status).toBe(414)
    expect((await errorOf(res)).code).toBe('URI_TOO_LONG')
  })

  test('answers 413 when the body is larger than the limit, also without a length header', async () => {
    const { app } = await createTestApp()
    const big = JSON.stringify({ yaml: 'x'.repeat(REQUEST_LIMITS.maxBodyBytes) })
    const declared = await app.request(
      '/api/v1/mapping/preview',
      put(big, { 'content-type': 'application/json' }),
    )
    expect(declared.status).toBe(413)
    expect((await errorOf(declared)).code).toBe('PAYLOAD_TOO_LARGE')
    const streamed = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++)
          controller.enqueue(new TextEncoder().encode('x'.repeat(100_000)))
        controller.close()
      },
    })
    const chunked = await app.request('/api/v1/mapping/preview', {
      ...put(streamed, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }),
      duplex: 'half',
    } as RequestInit)
    expect(chunked.status).toBe(413)
  })

  const json = { 'content-type': 'application/json' }
  test.each([
    {
      what: 'malformed JSON',
      body: '{"yaml": ',
      headers: json,
      status: 400,
      code: 'INVALID_INPUT',
    },
    { what: 'an empty body', body: '', headers: json, status: 400, code: 'INVALID_INPUT' },
    {
      what: 'JSON without yaml',
      body: '{"x": 1}',
      headers: json,
      status: 400,
      code: 'INVALID_INPUT',
    },
    {
      what: 'no content type',
      body: '{}',
      headers: {},
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      what: 'a text body',
      body: 'yaml: x',
      headers: { 'content-type': 'text/plain' },
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
  ])(
    'answers $what with a 4xx in the one error format',
    async ({ body, headers, status, code }) => {
      const { app } = await createTestApp()
      for (const path of ['/api/v1/mapping/preview']) {
        const res = await app.request(path, put(body, headers))
        expect(res.status, await res.clone().text()).toBe(status)
        expect((await errorOf(res)).code).toBe(code)
      }
    },
  )

  test('answers a YAML alias bomb with 422 INVALID_CONFIG instead of expanding it', async () => {
    const { app } = await createTestApp()
    const levels = ['x: &x [a, a, a, a, a, a, a, a, a]']
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].entries()) {
      const of = i === 0 ? 'x' : ['b', 'c', 'd', 'e', 'f', 'g', 'h'][i - 1]
      levels.push(`${name}: &${name} [${Array(9).fill(`*${of}`).join(', ')}]`)
    }
    const res = await app.request(
      '/api/v1/mapping/preview',
      put(JSON.stringify({ yaml: levels.join('\n') }), { 'content-type': 'application/json' }),
    )
    expect(res.status).toBe(200)
    const preview = (await res.json()) as { valid: boolean; problems: { message: string }[] }
    expect(preview.valid).toBe(false)
    expect(preview.problems[0]?.message).toMatch(/alias/)
  })
})
