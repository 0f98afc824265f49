import { VmoError } from '@openvmo/core'
import type {
  Connector,
  PullOptions,
  PulledItem,
  PulledPage,
  RateLimitState,
  ScopeSpec,
} from '../connector'
import { createServiceNowClient } from './servicenow-client'
import type { ServiceNowClient, ServiceNowRetryOptions } from './servicenow-client'
import { testServiceNowConnection } from './servicenow-connection-test'
import {
  parseServiceNowConnectorConfig,
  tableScopesOf,
  tablesOf,
} from './servicenow-connector-config'
import type {
  ServiceNowConnectorConfig,
  ServiceNowConnectorConfigInput,
} from './servicenow-connector-config'
import { ServiceNowItemReader } from './servicenow-item-reader'
import { keyOfRecord, tableOfKey } from './servicenow-keys'
import type { ServiceNowRecord } from './servicenow-payloads'
import { readTablePage } from './servicenow-table'
import type { ServiceNowRows } from './servicenow-table'

/** Options of {@link createServiceNowConnector}. */
export interface CreateServiceNowConnectorOptions {
  /** The source's name: the `source` of its records and the name its errors give. */
  sourceName: string
  config: ServiceNowConnectorConfigInput
  /** basic auth: the user's password; oauth: the client secret. */
  secret: string
  /** Retry settings (tests shorten them). */
  retry?: Partial<ServiceNowRetryOptions>
}

/** A {@link Connector} to ServiceNow, with the configuration it runs with. */
export interface ServiceNowConnector extends Connector {
  readonly kind: 'servicenow'
  readonly config: ServiceNowConnectorConfig
  /** Every state of every configured table as sys_choice has it (the instance's own labels). */
  listStates(options?: {
    signal?: AbortSignal
  }): Promise<{ table: string; value: string; label: string }[]>
}

/** Where a pull resumes: the table (index among the scope's tables) and the record offset. */
interface Checkpoint {
  table: number
  offset: number
}

/** `2026-01-02 03:04:05`: how ServiceNow writes UTC date-times in encoded queries. */
function serviceNowDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}

function decodeCheckpoint(text: string): Checkpoint {
  const match = /^(\d+):(\d+)$/.exec(text)
  if (!match) {
    throw new VmoError('INVALID_INPUT', `${JSON.stringify(text)} is not a servicenow checkpoint`)
  }
  return { table: Number(match[1]), offset: Number(match[2]) }
}

/**
 * A connector to a ServiceNow instance (Table API). Scopes are `instance` (every configured
 * table), `table` or `query` (a table and an encoded query).
 * - `pull`: per table, the records updated since `sinceMs` (`sys_updated_on>=`), oldest created
 *   first (`ORDERBYsys_created_on^ORDERBYsys_id`), `sysparm_offset`/`sysparm_limit` pages, each
 *   with its state history (one batched sys_audit read per page); checkpoints are
 *   `tableIndex:offset`. The next page is asked for while this one's history is read.
 * - `listKeys`: every record number of the scope.
 * - `fetchItems`: the named numbers (`INC0012345`); gone ones are left out.
 * Throws INVALID_CONFIG for a bad config and the errors of `servicenow-errors.ts` while running.
 */
export function createServiceNowConnector(
  options: CreateServiceNowConnectorOptions,
): ServiceNowConnector {
  const config = parseServiceNowConnectorConfig(options.config)
  const client = createServiceNowClient({
    sourceName: options.sourceName,
    instanceUrl: config.url,
    auth: config.auth,
    principal: (config.auth === 'basic' ? config.username : config.clientId) ?? '',
    secret: options.secret,
    timeoutMs: config.requestTimeoutMs,
    concurrency: config.concurrency,
    retry: options.retry,
  })
  return new ServiceNowConnectorImpl(config, client)
}

class ServiceNowConnectorImpl implements ServiceNowConnector {
  readonly kind = 'servicenow' as const
  readonly #client: ServiceNowClient
  readonly #reader: ServiceNowItemReader

  constructor(
    readonly config: ServiceNowConnectorConfig,
    client: ServiceNowClient,
  ) {
    this.#client = client
    this.#reader = new ServiceNowItemReader(client, config)
  }

  test(scopes: readonly ScopeSpec[], options: { signal?: AbortSignal } = {}) {
    return testServiceNowConnection({
      client: this.#client,
      config: this.config,
      scopes,
      ...options,
    })
  }

  async *pull(scope: ScopeSpec, options: PullOptions = {}): AsyncIterable<PulledPage> {
    const parts = tableScopesOf(scope, this.config)
    const start =
      options.checkpoint === undefined
        ? { table: 0, offset: 0 }
        : decodeCheckpoint(options.checkpoint)
    const since =
      options.sinceMs === undefined
        ? undefined
        : `sys_updated_on>=${serviceNowDateTime(options.sinceMs)}`
    for (let t = start.table; t < parts.length; t++) {
      const part = parts[t] as (typeof parts)[number]
      const query = [part.query, since, 'ORDERBYsys_created_on^ORDERBYsys_id']
        .filter(Boolean)
        .join('^')
      let offset = t === start.table ? start.offset : 0
      let page = await this.#reader.readRecords(
        { table: part.table, query, offset },
        options.signal,
      )
      for (;;) {
        const nextOffset = offset + page.rows.length
        const pending: Promise<ServiceNowRows<ServiceNowRecord>> | undefined = page.more
          ? this.#reader.readRecords(
              { table: part.table, query, offset: nextOffset },
              options.signal,
            )
          : undefined
        // awaited below; a pull given up before then must not leave an unhandled rejection
        pending?.catch(() => {})
        const items = await this.#reader.readItems(part.table, page.rows, options.signal)
        const checkpoint = pending === undefined ? `${t + 1}:0` : `${t}:${nextOffset}`
        yield { items, checkpoint, ...(page.total === undefined ? {} : { total: page.total }) }
        if (pending === undefined) break
        page = await pending
        offset = nextOffset
      }
    }
  }

  async *listKeys(scope: ScopeSpec, options: { signal?: AbortSignal } = {}) {
    for (const part of tableScopesOf(scope, this.config)) {
      const query = [part.query, 'ORDERBYsys_created_on^ORDERBYsys_id'].filter(Boolean).join('^')
      for (let offset = 0; ; offset += this.config.pageSize) {
        const page = await readTablePage<ServiceNowRecord>(
          this.#client,
          {
            table: part.table,
            query,
            fields: ['number', 'sys_id'],
            offset,
            limit: this.config.pageSize,
            displayValue: 'all',
            noCount: true,
          },
          options.signal,
        )
        yield page.rows.flatMap((record) => keyOfRecord(part.table, record as never) ?? [])
        if (!page.more) break
      }
    }
  }

  async fetchItems(
    keys: readonly string[],
    options: { signal?: AbortSignal } = {},
  ): Promise<PulledItem[]> {
    const byTable = new Map<string, string[]>()
    for (const key of keys) {
      for (const table of tableOfKey(key) === undefined
        ? tablesOf(this.config)
        : [tableOfKey(key) as string]) {
        byTable.set(table, [...(byTable.get(table) ?? []), key])
      }
    }
    const found: PulledItem[] = []
    for (const [table, named] of byTable) {
      for (let i = 0; i < named.length; i += this.config.pageSize) {
        const chunk = named.slice(i, i + this.config.pageSize)
        const numbers = chunk.filter((k) => !k.includes('/'))
        const ids = chunk.filter((k) => k.includes('/')).map((k) => k.slice(k.indexOf('/') + 1))
        const query = [
          numbers.length > 0 ? `numberIN${numbers.join(',')}` : '',
          ids.length > 0 ? `sys_idIN${ids.join(',')}` : '',
        ]
          .filter(Boolean)
          .join('^NQ')
        const page = await this.#reader.readRecords(
          { table, query, offset: 0, limit: chunk.length },
          options.signal,
        )
        found.push(...(await this.#reader.readItems(table, page.rows, options.signal)))
      }
    }
    return found
  }

  async listStates(options: { signal?: AbortSignal } = {}) {
    const states: { table: string; value: string; label: string }[] = []
    for (const table of tablesOf(this.config)) {
      const labels = await this.#reader.history.stateLabels(table, options.signal)
      for (const [value, label] of Object.entries(labels)) states.push({ table, value, label })
    }
    return states
  }

  rateLimit(): RateLimitState | null {
    return this.#client.rateLimit()
  }
}
