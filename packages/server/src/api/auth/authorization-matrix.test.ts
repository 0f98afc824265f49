import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Store } from '../../store/store'
import { TEST_MAPPING_YAML } from '../api-test-fixture'
import { ACCESS_RULES, assertRulesCover } from './access-rules'
import type { AccessRule } from './access-rules'
import type { AuthTestApp } from './auth-test-kit'
import type { Principal } from './grants-test-kit'
import { createGrantsWorld, sessionOf } from './grants-test-kit'

// The authorization matrix: every operation of the OpenAPI document × every principal × a
// granted stream (Payments), a stream not granted (Mobile) and one that does not exist. A new
// operation without an access rule, or whose parameters have no sample below, fails here.

/** What a request names: the granted stream, the other one, or a stream that does not exist. */
interface StreamCase {
  label: 'granted' | 'not granted' | 'unknown'
  stream: string
  key: string
}

const GRANTED: StreamCase = { label: 'granted', stream: 'Payments', key: 'PAY-25' }
const NOT_GRANTED: StreamCase = { label: 'not granted', stream: 'Mobile', key: 'MOB-3' }
const UNKNOWN: StreamCase = { label: 'unknown', stream: 'Nowhere', key: 'NOPE-1' }

/** What no body a non-admin gets may contain: the other stream, its items, team, product and customer, and unmapped work. */
const SECRETS = ['mobile', 'mob-', 'login flow', 'launcher', 'globex', 'ops-1', 'ops secret']

/** Sample values per parameter (`in:name`); a required parameter missing here fails the test. */
const SAMPLES: Record<string, (s: StreamCase) => string> = {
  'query:stream': (s) => s.stream,
  'query:keys': (s) => s.key,
  'path:key': (s) => s.key,
  'path:stream': (s) => s.stream,
  'path:metric': () => 'incidents',
  'path:source': () => 'jira',
  'query:source': () => 'jira',
  'query:status': () => 'In Progress',
  'query:items': () => '5',
  'query:date': () => '2024-04-20',
  'query:q': () => 'flow',
  'path:id': () => 'no-such-token',
  'path:name': () => 'jira',
  'header:if-match': () => '*',
}

/** Parameters that tie a request to a stream: such operations are sent once per {@link StreamCase}. */
const STREAM_BOUND = new Set(['query:stream', 'query:keys', 'path:key', 'path:stream'])

const PAYMENTS_DEFINITION = `valueStreams:
  - name: Payments
    match: { project: [PAY] }
    distributionTarget: { feature: 0.6, defect: 0.2, risk: 0.1, debt: 0.1 }
`

/** Request bodies by operation; an operation with a body missing here fails the test. */
const BODIES: Record<string, unknown> = {
  'POST /api/v1/auth/login': { name: 'vic', password: 'correct horse battery staple' },
  'POST /api/v1/auth/logout': {},
  'POST /api/v1/auth/logout-everywhere': {},
  'POST /api/v1/tokens': { name: 'matrix' },
  'POST /api/v1/sources': { kind: 'jira', name: 'matrix', tokenEnv: 'MATRIX_TOKEN' },
  'POST /api/v1/sources/{name}/sync': {},
  'POST /api/v1/webhooks/github': {},
  'POST /api/v1/webhooks/jira/{source}': {},
  'POST /api/v1/webhooks/gitlab/{source}': {},
  'POST /api/v1/webhooks/azure-devops/{source}': {},
  'POST /api/v1/webhooks/servicenow/{source}': {},
  'POST /api/v1/mapping/preview': { yaml: TEST_MAPPING_YAML },
  'PUT /api/v1/mapping': { yaml: TEST_MAPPING_YAML },
  // Payments' definition as it is: a save by its editors changes nothing the next requests see
  'POST /api/v1/mapping/streams/{stream}/preview': { yaml: PAYMENTS_DEFINITION },
  'PUT /api/v1/mapping/streams/{stream}': { yaml: PAYMENTS_DEFINITION },
  'PUT /api/v1/business-results/{stream}/{metric}': {
    category: 'quality',
    unit: 'count',
    direction: 'lower_is_better',
    target: 2,
  },
  'POST /api/v1/business-results/{stream}/{metric}/points': {
    points: [{ date: '2024-03-04', value: 1 }],
  },
  'PUT /api/v1/experiments/{stream}/{id}': {
    name: 'matrix',
    hypothesis: 'flow time falls',
    change: 'a WIP limit',
    changeDate: '2024-03-04',
    targets: [{ metric: 'flow_time_p85', direction: 'decrease' }],
  },
}

/** Operations that end the session they are sent with: sent with a fresh one, last. */
const ENDS_SESSION = new Set([
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/logout-everywhere',
])

/** Refusals a route makes itself beyond its rule (the rule lets the principal in), by message. */
const OWN_REFUSALS: Record<string, { who: (p: Principal) => boolean; message: string }> = {
  'POST /api/v1/tokens': { who: (p) => p.via === 'token', message: 'not with a token' },
  // this app has no live sync: the sources' actions are refused to whoever passes the guard
  'POST /api/v1/sources': { who: () => true, message: 'without live sync' },
  'POST /api/v1/sources/{name}/test': { who: () => true, message: 'without live sync' },
  'POST /api/v1/sources/{name}/sync': { who: () => true, message: 'without live sync' },
}

interface Operation {
  id: string
  method: string
  path: string
  params: { in: string; name: string; required?: boolean }[]
  body: boolean
  /** The rule the OpenAPI document shows (`x-access`). */
  access: unknown
}

interface Sent {
  status: number
  body: string
}

let store: Store
let t: AuthTestApp
let principals: Principal[]
let operations: Operation[]

beforeAll(async () => {
  ;({ store, t, principals } = await createGrantsWorld())
  const doc = (await (await t.request('/api/openapi.json')).json()) as {
    paths: Record<
      string,
      Record<
        string,
        { parameters?: Operation['params']; requestBody?: unknown; 'x-access'?: unknown }
      >
    >
  }
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      id: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      params: op.parameters ?? [],
      body: op.requestBody !== undefined,
      access: op['x-access'],
    })),
  )
  // the operations that end sessions go last
  operations.sort((a, b) => Number(ENDS_SESSION.has(a.id)) - Number(ENDS_SESSION.has(b.id)))
})

afterAll(async () => {
  await store.close()
})

/** The request of `op` for `s`; throws naming a parameter or body without a sample. */
function requestOf(op: Operation, s: StreamCase) {
  let path = op.path
  const query = new URLSearchParams()
  const headers: Record<string, string> = {}
  for (const p of op.params) {
    const id = `${p.in}:${p.name}`
    const sample = SAMPLES[id]
    if (!sample) {
      if (p.required || STREAM_BOUND.has(id)) throw new Error(`${op.id}: no sample for ${id}`)
      continue
    }
    const value = sample(s)
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(value))
    else if (p.in === 'query') query.set(p.name, value)
    else if (p.in === 'header') headers[p.name] = value
  }
  if (op.body && !Object.hasOwn(BODIES, op.id)) throw new Error(`${op.id}: no sample body`)
  // a write without a body still sends JSON (the request guards refuse other content first)
  const body = op.body ? JSON.stringify(BODIES[op.id]) : op.method === 'GET' ? undefined : '{}'
  return { url: query.size ? `${path}?${query}` : path, headers, body }
}

async function send(op: Operation, who: Principal, s: StreamCase): Promise<Sent> {
  const { url, headers, body } = requestOf(op, s)
  const auth =
    ENDS_SESSION.has(op.id) && who.via === 'session'
      ? await sessionOf(t, who.user ?? '')
      : who.headers
  const res = await t.request(url, { method: op.method, headers: { ...headers, ...auth }, body })
  return { status: res.status, body: await res.text() }
}

/** A body with what the request itself named (stream, key) replaced: what it reveals. */
const revealed = (sent: Sent, s: StreamCase) =>
  sent.body.replaceAll(s.stream, '<asked>').replaceAll(s.key, '<asked>')

function judge(at: { rule: AccessRule; op: Operation; who: Principal; sent: Sent; s: StreamCase }) {
  const { rule, op, who, sent } = at
  const { status } = sent
  if (rule === 'public') return status === 401 || status === 403 ? 'refused' : undefined
  if (who.via === 'anonymous') return status === 401 ? undefined : 'not 401'
  if (rule === 'admin' && !who.admin) return status === 403 ? undefined : 'not 403'
  // editors of Payments (by session or token) and admins write Payments' results, no one else
  const edits = who.admin || (who.label.startsWith('editor') && at.s === GRANTED)
  if (rule === 'stream-write' && !edits) return status === 403 ? undefined : 'not 403'
  const refused = status === 401 || status === 403
  const own = OWN_REFUSALS[op.id]
  if (own?.who(who)) {
    return status === 403 && sent.body.includes(own.message)
      ? undefined
      : 'not refused by the route'
  }
  return refused ? 'refused' : undefined
}

describe('the authorization matrix (every operation of the OpenAPI document)', () => {
  test('gives every operation an access rule, and refuses to start with one missing', () => {
    // only the OpenID routes are missing without an OIDC provider configured
    const unused = Object.keys(ACCESS_RULES).filter((id) => !operations.some((op) => op.id === id))
    expect(unused).toEqual(['GET /api/v1/auth/oidc/login', 'GET /api/v1/auth/oidc/callback'])
    for (const op of operations) {
      expect(ACCESS_RULES[op.id], op.id).toBeDefined()
      expect(op.access, `${op.id}: x-access`).toBe(ACCESS_RULES[op.id])
    }
    expect(() => assertRulesCover(['GET /api/v1/new-thing'])).toThrow(
      'no access rule for GET /api/v1/new-thing',
    )
  })

  test('answers each principal by its rule, and never shows a stream it may not read', async () => {
    const failures: string[] = []
    for (const op of operations) {
      const rule = ACCESS_RULES[op.id] ?? 'public'
      const bound = op.params.some((p) => STREAM_BOUND.has(`${p.in}:${p.name}`))
      const cases = bound ? [GRANTED, NOT_GRANTED, UNKNOWN] : [GRANTED]
      const fromAdmin = new Map<StreamCase, Sent>()
      for (const who of [...principals].sort((a, b) => Number(b.admin) - Number(a.admin))) {
        const got = new Map<StreamCase, Sent>()
        for (const s of cases) {
          const sent = await send(op, who, s)
          got.set(s, sent)
          const at = `${op.id} [${rule}] as ${who.label}, ${s.label} stream: ${sent.status}`
          const wrong = judge({ rule, op, who, sent, s })
          if (wrong) failures.push(`${at}: ${wrong}: ${sent.body.slice(0, 200)}`)
          if (who.admin) fromAdmin.set(s, sent)
          const streamRule = rule === 'stream-read' || rule === 'stream-write'
          if (who.admin || !streamRule || who.via === 'anonymous') continue
          const leaked = SECRETS.find((secret) => revealed(sent, s).toLowerCase().includes(secret))
          if (leaked) failures.push(`${at}: shows "${leaked}": ${sent.body.slice(0, 300)}`)
          const admins = fromAdmin.get(s)
          if (
            s === GRANTED &&
            admins &&
            admins.status !== sent.status &&
            rule === 'stream-read' &&
            !ENDS_SESSION.has(op.id)
          ) {
            failures.push(`${at}: the admin got ${admins.status}`)
          }
        }
        const streamRule = rule === 'stream-read' || rule === 'stream-write'
        if (!bound || who.admin || !streamRule || who.via === 'anonymous') continue
        // a stream (or item) it may not read or write is answered as one that does not exist
        const other = got.get(NOT_GRANTED)
        const none = got.get(UNKNOWN)
        const expected = rule === 'stream-read' ? 404 : 403
        if (other && none) {
          const at = `${op.id} as ${who.label}`
          if (other.status !== expected || none.status !== expected) {
            failures.push(`${at}: not granted ${other.status}, unknown ${none.status}`)
          }
          if (revealed(other, NOT_GRANTED) !== revealed(none, UNKNOWN)) {
            failures.push(`${at}: answers differ: ${other.body} | ${none.body}`)
          }
        }
      }
    }
    expect(failures).toEqual([])
  }, 120_000)
})
