import { isVmoError } from '@openvmo/core'
import type { ConnectionCheck, ConnectionReport, ScopeSpec } from '../connector'
import type { ServiceNowClient } from './servicenow-client'
import type { ServiceNowConnectorConfig } from './servicenow-connector-config'
import { tableScopesOf, tablesOf } from './servicenow-connector-config'
import { readTablePage, unlessForbidden } from './servicenow-table'

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

interface TestContext {
  client: ServiceNowClient
  config: ServiceNowConnectorConfig
  signal?: AbortSignal
}

/** Records of `table` matching `query` (`X-Total-Count` of a one-record page). */
async function countRows(at: TestContext, table: string, query: string) {
  const page = await readTablePage(
    at.client,
    { table, query, fields: ['sys_id'], offset: 0, limit: 1 },
    at.signal,
  )
  return page.total ?? null
}

async function identify(at: TestContext): Promise<ConnectionCheck[]> {
  const table = tablesOf(at.config)[0] ?? 'incident'
  try {
    await countRows(at, table, '')
    const who = at.config.auth === 'basic' ? `user ${at.config.username ?? ''}` : 'oauth client'
    return [
      { name: 'reachable', ok: true, detail: 'ServiceNow answered' },
      { name: 'authenticated', ok: true, detail: `authenticated as the ${who}` },
    ]
  } catch (error) {
    const failed = { name: 'authenticated', ok: false, detail: messageOf(error) } as const
    if (isVmoError(error, 'CONNECTOR_AUTH_FAILED')) {
      return [{ name: 'reachable', ok: true, detail: 'ServiceNow answered' }, failed]
    }
    return [
      { name: 'reachable', ok: false, detail: messageOf(error) },
      { ...failed, detail: 'not checked' },
    ]
  }
}

/**
 * Where state history comes from, in words: sys_audit when the user may read it and it holds
 * state changes of a table; else the history sets, which keep at most about 21 days.
 */
async function historyCheck(at: TestContext, tables: readonly string[]): Promise<ConnectionCheck> {
  if (at.config.history === 'history_set') {
    return {
      name: 'permissions',
      ok: true,
      detail:
        'history is read from sys_history_line (config history: history_set): ServiceNow keeps history sets at most ~21 days, so older state changes are missing',
    }
  }
  const notes: string[] = []
  for (const table of tables) {
    const query = `tablename=${table}^fieldname=state`
    const audited = await unlessForbidden(countRows(at, 'sys_audit', query))
    if (audited === undefined) {
      notes.push(
        `sys_audit cannot be read (403): ${table} history falls back to sys_history_line, which keeps at most ~21 days; give the user a role that reads sys_audit for full history`,
      )
    } else if (audited === 0 && ((await countRows(at, table, 'sys_mod_count>0')) ?? 0) > 0) {
      notes.push(
        `auditing looks off for ${table} (no state rows in sys_audit): history falls back to sys_history_line, which keeps at most ~21 days`,
      )
    }
  }
  const labels = await unlessForbidden(countRows(at, 'sys_choice', 'element=state'))
  if (labels === undefined)
    notes.push("sys_choice cannot be read: state labels are the records' display values")
  return {
    name: 'permissions',
    ok: true,
    detail:
      notes.length === 0
        ? 'sys_audit and sys_choice can be read: full state history'
        : notes.join('; '),
  }
}

/**
 * `Connector.test` for ServiceNow: reachable and authenticated (one record of the first
 * table), permissions (whether state history comes from sys_audit or, where auditing is off or
 * sys_audit is forbidden, from the history sets, said in words), and per scope its records
 * (`X-Total-Count`). Never throws.
 */
export async function testServiceNowConnection(
  at: TestContext & { scopes: readonly ScopeSpec[] },
): Promise<ConnectionReport> {
  const checks = await identify(at)
  if (!checks.every((c) => c.ok)) {
    const scopes = at.scopes.map((s) => ({ scope: s.name, items: null, error: 'not checked' }))
    return { ok: false, checks, scopes }
  }
  const scopes: ConnectionReport['scopes'] = []
  const tables = new Set<string>()
  for (const scope of at.scopes) {
    try {
      let items: number | null = 0
      for (const part of tableScopesOf(scope, at.config)) {
        tables.add(part.table)
        const count = await countRows(at, part.table, part.query)
        items = count === null || items === null ? null : items + count
      }
      scopes.push({ scope: scope.name, items })
    } catch (error) {
      scopes.push({ scope: scope.name, items: null, error: messageOf(error) })
    }
  }
  try {
    checks.push(await historyCheck(at, [...tables]))
  } catch (error) {
    checks.push({ name: 'permissions', ok: false, detail: messageOf(error) })
  }
  checks.push({
    name: 'scope',
    ok: scopes.every((s) => s.error === undefined),
    detail: scopes.map((s) => `${s.scope}: ${s.error ?? `${s.items ?? '?'} records`}`).join('; '),
  })
  return { ok: checks.every((c) => c.ok), checks, scopes }
}
