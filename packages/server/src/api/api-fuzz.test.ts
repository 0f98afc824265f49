import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { ErrorResponseSchema } from './schemas/common-schemas'
import { createTestApp } from './api-test-fixture'
import { REQUEST_LIMITS } from './request-limits'

interface Parameter {
  name: string
  in: 'query' | 'path' | 'header'
}
interface Operation {
  parameters?: Parameter[]
  requestBody?: unknown
}

/** A valid value of every parameter the API documents, so one at a time can be made bad. */
const VALID: Record<string, string> = {
  stream: 'Payments',
  team: 'payments',
  period: 'week',
  from: '2024-01-01',
  to: '2024-04-01',
  tz: 'UTC',
  asOf: '2024-04-01T00:00:00Z',
  items: '5',
  date: '2024-04-30',
  q: 'refund',
  limit: '10',
  offset: '0',
  status: 'Ready',
  source: 'jira',
  key: 'PAY-2',
  'if-match': '"1"',
}

/** Values that have broken servers before: empty, huge, negative, impossible dates, markup. */
const BAD_VALUES = [
  '',
  ' ',
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '9999999999999999999999',
  '0000-00-00',
  '2024-02-30',
  '9999-12-31',
  '1000-01-01',
  '2024-01-01T25:61:00Z',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '{}',
  '[]',
  'null',
  'x'.repeat(5000),
  '𝕏'.repeat(300),
  'Europe/Nowhere',
  'week,month',
]

/** Generated values: any unicode text, numbers as text, dates of any shape. */
function generatedValues(seed: number): string[] {
  const arbitrary = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.integer().map(String),
    fc.double().map(String),
    fc
      .tuple(fc.integer({ min: -1, max: 99999 }), fc.integer({ min: -1, max: 99 }), fc.nat(99))
      .map(([y, m, d]) => `${y}-${m}-${d}`),
  )
  return fc.sample(arbitrary, { seed, numRuns: 12 })
}

/** The longest any fuzzed request may take: far above a normal answer, far below a stall. */
const TIME_BOUND_MS = 5_000

function url(path: string, params: Parameter[], bad: { name: string; value: string }) {
  const valueOf = (p: Parameter) => (p.name === bad.name ? bad.value : (VALID[p.name] ?? 'x'))
  let target = path
  for (const p of params.filter((q) => q.in === 'path')) {
    target = target.replace(`{${p.name}}`, encodeURIComponent(valueOf(p)))
  }
  const query = new URLSearchParams()
  for (const p of params.filter((q) => q.in === 'query')) query.set(p.name, valueOf(p))
  const search = query.toString()
  return search ? `${target}?${search}` : target
}

async function expectWellFormed(res: Response, what: string, startedMs: number) {
  const elapsed = performance.now() - startedMs
  const body = await res.text()
  expect(res.status, `${what} answered ${res.status}: ${body.slice(0, 300)}`).toBeLessThan(500)
  expect(elapsed, `${what} took ${Math.round(elapsed)} ms`).toBeLessThan(TIME_BOUND_MS)
  expect(Buffer.byteLength(body)).toBeLessThanOrEqual(REQUEST_LIMITS.maxResponseBytes)
  if (res.status >= 400) {
    const parsed = ErrorResponseSchema.safeParse(JSON.parse(body))
    expect(parsed.success, `${what}: ${body.slice(0, 300)}`).toBe(true)
  }
}

describe('api fuzz', async () => {
  const { app } = await createTestApp()
  const doc = (await (await app.request('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, Operation>>
  }
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  )

  test.each(operations.map((o) => [`${o.method} ${o.path}`, o] as const))(
    'answers every bad parameter value of %s with a 4xx in the one error format or a 2xx, in time',
    async (_, { path, method, op }) => {
      const params = op.parameters ?? []
      for (const [index, param] of params.entries()) {
        for (const value of [...BAD_VALUES, ...generatedValues(index + path.length)]) {
          const target = url(path, params, { name: param.name, value })
          const headers: Record<string, string> = { 'content-type': 'application/json' }
          for (const h of params.filter((p) => p.in === 'header')) {
            headers[h.name] = h.name === param.name ? value : (VALID[h.name] ?? 'x')
          }
          const init = op.requestBody
            ? { method, headers, body: JSON.stringify({ yaml: 'flowItems: {}' }) }
            : { method }
          const started = performance.now()
          let res: Response
          try {
            res = await app.request(target, init as RequestInit)
          } catch (error) {
            // a header value the Fetch API itself refuses (control characters) never reaches us
            if (param.in === 'header' && error instanceof TypeError) continue
            throw error
          }
          await expectWellFormed(res, `${method} ${target.slice(0, 120)}`, started)
        }
      }
    },
  )

  test.each(
    operations.filter((o) => o.op.requestBody).map((o) => [`${o.method} ${o.path}`, o] as const),
  )(
    'answers every bad body of %s with a 4xx in the one error format',
    async (_, { path, method, op }) => {
      const params = op.parameters ?? []
      const target = url(path, params, { name: '', value: '' })
      const bodies = [
        ...fc.sample(fc.json(), { seed: 7, numRuns: 25 }),
        '{"yaml": 1}',
        '{"yaml": null}',
        `{"yaml": "${'a: ['.repeat(2000)}"}`,
        '{"yaml": "\\u0000"}',
        '[',
      ]
      for (const body of bodies) {
        const headers = { 'content-type': 'application/json', 'if-match': '"1"' }
        const started = performance.now()
        const res = await app.request(target, { method, headers, body })
        await expectWellFormed(res, `${method} ${path} ${body.slice(0, 60)}`, started)
      }
    },
  )
})
