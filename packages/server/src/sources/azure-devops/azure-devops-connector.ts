import { VmoError, parseInstant } from '@openvmo/core'
import type {
  Connector,
  PullOptions,
  PulledItem,
  PulledPage,
  RateLimitState,
  ScopeSpec,
} from '../connector'
import type { HttpRetryOptions } from '../http-retries'
import { createAzureDevOpsClient } from './azure-devops-client'
import type { AzureDevOpsClient } from './azure-devops-client'
import { testAzureDevOpsConnection } from './azure-devops-connection-test'
import { parseAzureDevOpsConnectorConfig } from './azure-devops-connector-config'
import type {
  AzureDevOpsConnectorConfig,
  AzureDevOpsConnectorConfigInput,
} from './azure-devops-connector-config'
import { AzureItemReader } from './azure-devops-item-reader'
import type { AzureWiqlResult } from './azure-devops-payloads'
import {
  decodeAzureCheckpoint,
  encodeAzureCheckpoint,
  keysWiql,
  pullWiql,
} from './azure-devops-wiql'

/** Options of {@link createAzureDevOpsConnector}. */
export interface CreateAzureDevOpsConnectorOptions {
  /** The source's name: the `source` of its records and the name its errors give. */
  sourceName: string
  /** The source's stored configuration; defaults applied by `parseAzureDevOpsConnectorConfig`. */
  config: AzureDevOpsConnectorConfigInput
  /** A personal access token with the Work Items (Read) scope. */
  token: string
  /** Retry settings (tests shorten them). */
  retry?: Partial<HttpRetryOptions>
}

/** A {@link Connector} to Azure DevOps, with the configuration it runs with. */
export interface AzureDevOpsConnector extends Connector {
  readonly kind: 'azure_devops'
  readonly config: AzureDevOpsConnectorConfig
  /** The client (for the connection test and the state categories of `vmo map suggest`). */
  readonly client: AzureDevOpsClient
  /**
   * The ids one flat WIQL query finds (at most `top`, `timePrecision` on) and when Azure DevOps
   * ran it (`asOf`, epoch ms; Infinity when it did not say).
   */
  wiql(query: string, top: number, signal?: AbortSignal): Promise<{ ids: number[]; asOfMs: number }>
}

/**
 * A connector to Azure DevOps Services or Server (REST 7.1 by default). Scopes are `project`
 * (every work item of a project) or `wiql` (a WIQL condition). Keys are work item ids.
 * - `pull`: WIQL pages (`timePrecision=true`) of the scope's items changed since `sinceMs`,
 *   ordered by `System.ChangedDate` then id; each page's ids are read in batches of up to 200
 *   with their relations and all their updates. Checkpoints name the last item read whose change
 *   the WIQL answer already saw (`asOf`): items changed later come again in this pull.
 * - `listKeys`: every id of the scope (WIQL pages by id). `fetchItems`: the named ids that exist.
 * Throws INVALID_CONFIG for a bad config and the errors of `azure-devops-errors.ts` while running.
 */
export function createAzureDevOpsConnector(
  options: CreateAzureDevOpsConnectorOptions,
): AzureDevOpsConnector {
  const config = parseAzureDevOpsConnectorConfig(options.config)
  const client = createAzureDevOpsClient({
    sourceName: options.sourceName,
    baseUrl: config.url,
    apiVersion: config.apiVersion,
    token: options.token,
    timeoutMs: config.requestTimeoutMs,
    concurrency: config.concurrency,
    retry: options.retry,
  })
  return new AzureDevOpsConnectorImpl(options.sourceName, config, client)
}

type Cursor = { changed: string; id: number }

class AzureDevOpsConnectorImpl implements AzureDevOpsConnector {
  readonly kind = 'azure_devops' as const
  readonly #reader: AzureItemReader

  constructor(
    readonly sourceName: string,
    readonly config: AzureDevOpsConnectorConfig,
    readonly client: AzureDevOpsClient,
  ) {
    this.#reader = new AzureItemReader({ client, sourceName, config })
  }

  test(scopes: readonly ScopeSpec[], options: { signal?: AbortSignal } = {}) {
    return testAzureDevOpsConnection({ connector: this, scopes, signal: options.signal })
  }

  async wiql(query: string, top: number, signal?: AbortSignal) {
    const path = `/_apis/wit/wiql?timePrecision=true&$top=${top}`
    const result = await this.client.post<AzureWiqlResult>(path, { query }, signal)
    if (!Array.isArray(result?.workItems)) {
      throw new VmoError(
        'CONNECTOR_BAD_RESPONSE',
        `azure_devops source "${this.sourceName}": POST /_apis/wit/wiql answered no workItems list`,
        { details: { source: this.sourceName } },
      )
    }
    const ids = result.workItems.flatMap((w) => (Number.isInteger(w?.id) ? [w.id as number] : []))
    const asOfMs = parseInstant(result.asOf ?? '')
    return { ids, asOfMs: Number.isFinite(asOfMs) ? asOfMs : Infinity }
  }

  async *pull(scope: ScopeSpec, options: PullOptions = {}): AsyncIterable<PulledPage> {
    const start =
      options.checkpoint === undefined ? undefined : decodeAzureCheckpoint(options.checkpoint)
    if (start === 'done') return
    const sinceIso =
      options.sinceMs === undefined ? undefined : new Date(options.sinceMs).toISOString()
    const top = this.config.wiqlPageSize
    let after: Cursor | undefined = start === 'start' ? undefined : start
    for (;;) {
      const start0 = after
      const page = await this.wiql(pullWiql(scope, { sinceIso, after }), top, options.signal)
      const last = page.ids.length < top
      const batches = chunks(page.ids, this.config.batchSize)
      if (batches.length === 0) batches.push([])
      let pending = this.#reader.readItems(batches[0] ?? [], options.signal)
      for (let k = 0; k < batches.length; k++) {
        const items = await pending
        if (k + 1 < batches.length) {
          // the next batch is read while this one is stored
          pending = this.#reader.readItems(batches[k + 1] ?? [], options.signal)
          pending.catch(() => {})
        }
        after = advance(after, items, page.asOfMs)
        const done = last && k === batches.length - 1
        yield { items, checkpoint: encodeAzureCheckpoint(done ? 'done' : (after ?? 'start')) }
      }
      if (last) return
      if (sameCursor(after, start0)) {
        // a full page of items all changed after the query (a clock ahead of the server's):
        // step past the page rather than ask for it again
        after = lastOf(page.ids, after)
      }
    }
  }

  async *listKeys(scope: ScopeSpec, options: { signal?: AbortSignal } = {}) {
    const top = this.config.wiqlPageSize
    for (let afterId = 0; ;) {
      const { ids } = await this.wiql(keysWiql(scope, afterId), top, options.signal)
      yield ids.map(String)
      if (ids.length < top) return
      afterId = Math.max(...ids)
    }
  }

  async fetchItems(keys: readonly string[], options: { signal?: AbortSignal } = {}) {
    const ids = keys.map((key) => {
      if (!/^\d+$/.test(key)) {
        throw new VmoError(
          'INVALID_INPUT',
          `${JSON.stringify(key)} is not an azure_devops work item key (a work item id, e.g. 42)`,
        )
      }
      return Number(key)
    })
    const found: PulledItem[] = []
    for (const batch of chunks(ids, this.config.batchSize)) {
      found.push(...(await this.#reader.readItems(batch, options.signal)))
    }
    return found
  }

  rateLimit(): RateLimitState | null {
    return this.client.rateLimit()
  }
}

function sameCursor(a: Cursor | undefined, b: Cursor | undefined): boolean {
  return a?.changed === b?.changed && a?.id === b?.id
}

/** A cursor at the last id of a page, keeping the date it had (the ids after it at that date). */
function lastOf(ids: readonly number[], after: Cursor | undefined): Cursor | undefined {
  const id = ids.at(-1)
  return id === undefined ? after : { changed: after?.changed ?? '1970-01-01T00:00:00.000Z', id }
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let k = 0; k < list.length; k += size) out.push(list.slice(k, k + size))
  return out
}

/**
 * The cursor after a batch: its last item (in WIQL order) whose `System.ChangedDate` is not
 * after the WIQL's `asOf`. An item changed since the query has a later date than its place in
 * the order says; it is left out of the cursor, and comes again after it.
 */
function advance(after: Cursor | undefined, items: readonly PulledItem[], asOfMs: number) {
  let cursor = after
  for (const { raw } of items) {
    const item = (raw as { item: { id?: number; fields?: Record<string, unknown> } }).item
    const changed = item.fields?.['System.ChangedDate']
    if (typeof changed !== 'string' || !Number.isInteger(item.id)) continue
    if (parseInstant(changed) <= asOfMs) cursor = { changed, id: item.id as number }
  }
  return cursor
}
