import type { ServiceNowClient } from './servicenow-client'
import type {
  ServiceNowAuditRow,
  ServiceNowChoice,
  ServiceNowHistoryLine,
  ServiceNowStateChange,
} from './servicenow-payloads'
import { readAllRows, unlessForbidden } from './servicenow-table'

/** Where a table's state history is read: sys_audit, or the history sets when auditing is off. */
export type ServiceNowHistorySource = 'sys_audit' | 'sys_history_line'

/** A page's state changes by record sys_id, and where they came from. */
export interface ServiceNowPageHistory {
  byRecord: Map<string, ServiceNowStateChange[]>
  from: ServiceNowHistorySource
}

/** sys_audit rows as state changes (`oldvalue`/`newvalue` stored values), oldest first. */
export function auditRowsToChanges(rows: readonly ServiceNowAuditRow[]): ServiceNowStateChange[] {
  return rows
    .filter((row) => typeof row?.documentkey === 'string' && typeof row.sys_created_on === 'string')
    .map((row) => ({
      documentKey: row.documentkey,
      at: row.sys_created_on,
      from: typeof row.oldvalue === 'string' ? row.oldvalue : '',
      to: typeof row.newvalue === 'string' ? row.newvalue : '',
    }))
    .sort((a, b) => a.at.localeCompare(b.at))
}

/** sys_history_line rows as state changes, oldest first. */
export function historyLinesToChanges(
  lines: readonly ServiceNowHistoryLine[],
): ServiceNowStateChange[] {
  return lines
    .filter((line) => typeof line?.['set.id'] === 'string' && typeof line.update_time === 'string')
    .map((line) => ({
      documentKey: line['set.id'],
      at: line.update_time,
      from: line.old_value ?? '',
      to: line.new_value ?? '',
    }))
    .sort((a, b) => a.at.localeCompare(b.at))
}

/** The labels of active `sys_choice` rows by value (English; later sequence numbers last). */
export function choiceLabels(rows: readonly ServiceNowChoice[]): Record<string, string> {
  const labels: Record<string, string> = {}
  const sorted = [...rows].sort((a, b) => Number(a.sequence ?? 0) - Number(b.sequence ?? 0))
  for (const row of sorted) {
    if (
      typeof row?.value === 'string' &&
      typeof row.label === 'string' &&
      row.inactive !== 'true'
    ) {
      labels[row.value] ??= row.label
    }
  }
  return labels
}

/**
 * Reads state histories and state labels, batched per page of records (`documentkeyIN…`). A
 * table whose sys_audit is forbidden (403), or has no rows for a page whose records were
 * updated, is read from sys_history_line from then on (history sets keep at most ~21 days).
 */
export class ServiceNowHistoryReader {
  readonly #client: ServiceNowClient
  readonly #pageSize: number
  readonly #fromHistorySets = new Set<string>()
  readonly #labels = new Map<string, Promise<Record<string, string>>>()

  constructor(client: ServiceNowClient, options: { pageSize: number; historySetsOnly: boolean }) {
    this.#client = client
    this.#pageSize = options.pageSize
    this.#historySetsOnly = options.historySetsOnly
  }

  readonly #historySetsOnly: boolean

  /** The state labels of `table` from sys_choice (the `task` table's when it has none of its own). */
  stateLabels(table: string, signal?: AbortSignal): Promise<Record<string, string>> {
    let labels = this.#labels.get(table)
    if (labels === undefined) {
      labels = this.#readLabels(table, signal)
      labels.catch(() => this.#labels.delete(table))
      this.#labels.set(table, labels)
    }
    return labels
  }

  async #readLabels(table: string, signal?: AbortSignal): Promise<Record<string, string>> {
    const read = (name: string) =>
      unlessForbidden(
        readAllRows<ServiceNowChoice>(
          this.#client,
          {
            table: 'sys_choice',
            query: `name=${name}^element=state^language=en^ORDERBYsequence`,
            fields: ['name', 'element', 'value', 'label', 'sequence', 'inactive'],
            limit: 1000,
          },
          signal,
        ),
      )
    const own = choiceLabels((await read(table)) ?? [])
    if (Object.keys(own).length > 0 || table === 'task') return own
    return choiceLabels((await read('task')) ?? [])
  }

  /** The state changes of the records `sysIds` of `table`; `updated` says which changed since made. */
  async readPage(
    table: string,
    records: readonly { sysId: string; updated: boolean }[],
    signal?: AbortSignal,
  ): Promise<ServiceNowPageHistory> {
    const ids = records.map((r) => r.sysId)
    if (ids.length === 0) return { byRecord: new Map(), from: 'sys_audit' }
    if (!this.#historySetsOnly && !this.#fromHistorySets.has(table)) {
      const audit = await unlessForbidden(this.#audit(table, ids, signal))
      const silent = audit?.length === 0 && records.some((r) => r.updated)
      if (audit !== undefined && !silent) return { byRecord: group(audit), from: 'sys_audit' }
      const lines = await this.#historyLines(ids, signal)
      if (audit === undefined || lines.length > 0) this.#fromHistorySets.add(table)
      if (audit !== undefined && lines.length === 0)
        return { byRecord: new Map(), from: 'sys_audit' }
      return { byRecord: group(lines), from: 'sys_history_line' }
    }
    return { byRecord: group(await this.#historyLines(ids, signal)), from: 'sys_history_line' }
  }

  /** Whether `table`'s history comes from the history sets (auditing off or forbidden). */
  readsHistorySets(table: string): boolean {
    return this.#historySetsOnly || this.#fromHistorySets.has(table)
  }

  async #audit(table: string, ids: readonly string[], signal?: AbortSignal) {
    const rows = await readAllRows<ServiceNowAuditRow>(
      this.#client,
      {
        table: 'sys_audit',
        query: `tablename=${table}^fieldname=state^documentkeyIN${ids.join(',')}^ORDERBYsys_created_on`,
        fields: ['documentkey', 'oldvalue', 'newvalue', 'sys_created_on'],
        limit: this.#pageSize * 10,
      },
      signal,
    )
    return auditRowsToChanges(rows)
  }

  async #historyLines(ids: readonly string[], signal?: AbortSignal) {
    const lines = await readAllRows<ServiceNowHistoryLine>(
      this.#client,
      {
        table: 'sys_history_line',
        query: `set.idIN${ids.join(',')}^field=state^ORDERBYupdate_time`,
        fields: ['set.id', 'field', 'old_value', 'new_value', 'update_time'],
        limit: this.#pageSize * 10,
      },
      signal,
    )
    return historyLinesToChanges(lines)
  }
}

function group(changes: readonly ServiceNowStateChange[]): Map<string, ServiceNowStateChange[]> {
  const byRecord = new Map<string, ServiceNowStateChange[]>()
  for (const change of changes) {
    const list = byRecord.get(change.documentKey)
    if (list) list.push(change)
    else byRecord.set(change.documentKey, [change])
  }
  return byRecord
}
