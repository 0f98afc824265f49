import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ScopeSpec } from '../../connector'
import type { ContractFake, Fault } from '../../testing/connector-contract'
import {
  FAKE_PREFIXES,
  advanceFakeTask,
  expectedFakeTaskRecord,
  newFakeTask,
} from './fake-servicenow-model'
import type { FakeTask } from './fake-servicenow-model'
import { answerFakeTableGet, fakeServiceNowError } from './fake-servicenow-routes'
import type {
  FakeAuditMode,
  FakeServiceNowAnswer,
  FakeServiceNowData,
} from './fake-servicenow-routes'
import { fakeServiceNowFaultAnswer } from './fake-servicenow-faults'

/** The basic-auth user and password, and the OAuth client, the fake accepts. */
export const FAKE_SERVICENOW_USER = 'vmo.integration'
export const FAKE_SERVICENOW_PASSWORD = 'fake-password-of-the-fake-instance'
export const FAKE_SERVICENOW_CLIENT_ID = 'ac0dd3408c1031006907010c2cc6ef6d'
export const FAKE_SERVICENOW_CLIENT_SECRET = 'fake-client-secret'

/** Options of {@link startFakeServiceNow}. */
export interface FakeServiceNowOptions {
  /** Records per page the contract expects the connector to ask for (default 100). */
  pageSize?: number
  audit?: FakeAuditMode
  /** The `source` of expected records (default `servicenow`). */
  sourceName?: string
  /** Seconds an OAuth token lives (default 1800, ServiceNow's default lifespan). */
  tokenLifespanSeconds?: number
}

/** The fake ServiceNow: the contract's controls plus tasks of any table and token controls. */
export interface FakeServiceNow extends ContractFake {
  /** Creates one record of `table` (`refs`: reference fields to other records' numbers). */
  createTask(
    table: string,
    o?: {
      group?: string
      changes?: number
      refs?: Record<string, string>
      description?: string
      createdMs?: number
    },
  ): string
  /** Revokes every OAuth token handed out so far (the next request with one answers 401). */
  revokeTokens(): void
  /** How many tokens `/oauth_token.do` handed out. */
  tokensIssued(): number
  setAudit(mode: FakeAuditMode): void
}

/** The group a contract scope (`query` `incident:assignment_group.name=Pay`) names. */
function groupOf(scope: ScopeSpec): { table: string; group: string } {
  const [table = 'incident', query = ''] = scope.value.split(':')
  const group = /assignment_group\.name=([^^]+)/.exec(query)?.[1] ?? 'Service Desk'
  return { table: scope.kind === 'table' ? scope.value : table, group }
}

/**
 * Starts a fake ServiceNow Table API on 127.0.0.1 (a free port): `/api/now/table/{table}` for
 * incident, sc_request, sc_req_item, change_request, problem, sys_audit, sys_history_line and
 * sys_choice (encoded queries, offset paging, `X-Total-Count`, `Link`), basic auth and OAuth
 * client credentials (`POST /oauth_token.do`). Shapes follow ServiceNow's Table API docs (values
 * as strings, `{display_value, value}` pairs with `sysparm_display_value=all`, UTC
 * `YYYY-MM-DD HH:MM:SS` dates, the `{"error": …, "status": "failure"}` envelope); where no
 * licensed sample exists (sys_history_line, sys_choice, a 401 body) the documented columns are
 * used, as the routes say.
 */
export async function startFakeServiceNow(
  options: FakeServiceNowOptions = {},
): Promise<FakeServiceNow> {
  // created in the past, five minutes apart (100,000 records span 347 days), whole seconds
  const startMs = Math.floor((Date.now() - 400 * 86_400_000) / 1000) * 1000
  let serial = 0
  const faults: Fault[] = []
  const requests: string[] = []
  const tokens = new Map<string, number>()
  let issued = 0
  const server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const data: FakeServiceNowData = {
    tasks: new Map(Object.keys(FAKE_PREFIXES).map((t) => [t, []])),
    audit: options.audit ?? 'on',
    maxLimit: 10_000,
    base,
    version: 0,
  }
  const pageSize = options.pageSize ?? 100
  const basic = `Basic ${Buffer.from(`${FAKE_SERVICENOW_USER}:${FAKE_SERVICENOW_PASSWORD}`).toString('base64')}`

  function send(res: ServerResponse, a: FakeServiceNowAnswer) {
    const headers = {
      'content-type': 'application/json;charset=UTF-8',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600),
      ...a.headers,
    }
    res
      .writeHead(a.status, headers)
      .end(a.text ?? (a.body === undefined ? '' : JSON.stringify(a.body)))
  }

  function authorized(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? ''
    if (header === basic) return true
    const until = tokens.get(header.replace(/^Bearer /, ''))
    return until !== undefined && Date.now() < until
  }

  async function issueToken(req: IncomingMessage): Promise<FakeServiceNowAnswer> {
    let text = ''
    for await (const chunk of req) text += String(chunk)
    const form = new URLSearchParams(text)
    const ok =
      form.get('grant_type') === 'client_credentials' &&
      form.get('client_id') === FAKE_SERVICENOW_CLIENT_ID &&
      form.get('client_secret') === FAKE_SERVICENOW_CLIENT_SECRET
    if (!ok)
      return { status: 401, body: { error_description: 'access_denied', error: 'server_error' } }
    const lifespan = options.tokenLifespanSeconds ?? 1800
    const token = `fake-token-${++issued}-${Math.random().toString(36).slice(2)}`
    tokens.set(token, Date.now() + lifespan * 1000)
    return {
      status: 200,
      body: {
        access_token: token,
        refresh_token: `r-${token}`,
        scope: 'useraccount',
        token_type: 'Bearer',
        expires_in: lifespan,
      },
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', base)
    const path = url.pathname + url.search
    requests.push(path)
    const fault = faults.find((f) => f.count > 0 && path.includes(f.path))
    if (fault) fault.count--
    const real = async (): Promise<FakeServiceNowAnswer> => {
      if (req.method === 'POST' && url.pathname === '/oauth_token.do') return issueToken(req)
      // ServiceNow's own 401 body
      if (!authorized(req))
        return fakeServiceNowError(
          401,
          'User Not Authenticated',
          'Required to provide Auth information',
        )
      return answerFakeTableGet(data, url)
    }
    if (fault === undefined) return send(res, await real())
    const answer = fakeServiceNowFaultAnswer(fault.kind, await real())
    if (answer !== 'hang') send(res, answer) // a hang never answers; close() ends it
  }

  function task(key: string): FakeTask {
    for (const list of data.tasks.values()) {
      const found = list.find((t) => t.number === key)
      if (found) return found
    }
    throw new Error(`the fake has no record ${key}`)
  }

  function add(
    table: string,
    o: { group?: string; changes?: number; createdMs?: number } = {},
  ): FakeTask {
    const n = ++serial
    if (!data.tasks.has(table)) data.tasks.set(table, [])
    const made = newFakeTask(
      {
        table,
        sysId: `${n.toString(16).padStart(8, '0')}0a0a0b5700c77f9bf387afe3`.padEnd(32, '0'),
        number: `${FAKE_PREFIXES[table] ?? 'TASK'}${String(10_000 + n).padStart(7, '0')}`,
        createdMs: o.createdMs ?? startMs + n * 300_000,
        group: o.group ?? 'Service Desk',
      },
      o.changes ?? 3,
    )
    data.tasks.get(table)?.push(made)
    data.version++
    return made
  }

  return {
    url: base,
    pageSize,
    // the connector reads sys_audit in pages of ten record pages
    inlineHistoryLimit: pageSize * 10,
    async createItems(scope, count, o = {}) {
      const { table, group } = groupOf(scope)
      return Array.from({ length: count }, () => add(table, { group, changes: o.changes }).number)
    },
    createTask(table, o = {}) {
      const made = add(table, o)
      made.refs = { ...o.refs }
      made.description = o.description ?? ''
      data.version++
      return made.number
    },
    async editItems(keys, atMs) {
      for (const key of keys) advanceFakeTask(task(key), atMs)
      data.version++
    },
    async deleteItems(keys) {
      for (const key of keys) {
        const gone = task(key)
        const list = data.tasks.get(gone.table) ?? []
        list.splice(list.indexOf(gone), 1)
      }
      data.version++
    },
    async moveItem(key, to, atMs) {
      // reassigned to the other scope's group: the number stays
      const moved = task(key)
      moved.group = groupOf(to).group
      moved.updatedMs = Math.floor(atMs / 1000) * 1000
      moved.otherEdits++
      data.version++
      return key
    },
    expectedRecord: (key) => expectedFakeTaskRecord(task(key), options.sourceName ?? 'servicenow'),
    injectFault(fault) {
      faults.push({ ...fault })
    },
    requestLog: () => [...requests],
    revokeTokens: () => tokens.clear(),
    tokensIssued: () => issued,
    setAudit(mode) {
      data.audit = mode
      data.version++
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
