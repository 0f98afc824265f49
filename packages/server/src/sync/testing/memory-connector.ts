import type { WorkItemRecord } from '@openvmo/core'
import type {
  ConnectionReport,
  Connector,
  PulledItem,
  PulledPage,
  ScopeSpec,
} from '../../sources/connector'

/**
 * An in-memory connector for the sync engine's own unit tests (the connectors themselves are
 * tested over HTTP against their fake servers): items per scope with an `updated` instant,
 * pages of `pageSize` in (updated, key) order, a checkpoint of the last (updated, key).
 */
export class MemoryConnector implements Connector {
  readonly kind = 'memory'
  readonly items = new Map<string, { scope: string; updatedMs: number; record: WorkItemRecord }>()
  pulls = 0
  /** Throws this error on the page with this index of the next pull (then clears it). */
  failOnPage: { page: number; error: Error } | undefined

  constructor(
    readonly source: string,
    readonly pageSize = 3,
  ) {}

  put(scope: string, key: string, at: { updatedMs: number; status?: string }): void {
    const { updatedMs, status = 'Open' } = at
    const record: WorkItemRecord = {
      source: this.source,
      key,
      type: 'Story',
      status,
      created: new Date(updatedMs - 86_400_000).toISOString(),
      changes: [],
    }
    this.items.set(key, { scope, updatedMs, record })
  }

  #ordered(scope: ScopeSpec, sinceMs: number | undefined) {
    return [...this.items.values()]
      .filter((i) => i.scope === scope.value && (sinceMs === undefined || i.updatedMs >= sinceMs))
      .sort((a, b) => a.updatedMs - b.updatedMs || a.record.key.localeCompare(b.record.key))
  }

  async *pull(
    scope: ScopeSpec,
    options: { sinceMs?: number; checkpoint?: string } = {},
  ): AsyncIterable<PulledPage> {
    this.pulls++
    let list = this.#ordered(scope, options.sinceMs)
    if (options.checkpoint) {
      const [ms, key] = JSON.parse(options.checkpoint) as [number, string]
      list = list.filter(
        (i) => i.updatedMs > ms || (i.updatedMs === ms && i.record.key.localeCompare(key) > 0),
      )
    }
    for (let start = 0, page = 0; start < list.length; start += this.pageSize, page++) {
      if (this.failOnPage?.page === page) {
        const { error } = this.failOnPage
        this.failOnPage = undefined
        throw error
      }
      const slice = list.slice(start, start + this.pageSize)
      const last = slice[slice.length - 1]
      yield {
        items: slice.map((i) => ({
          record: structuredClone(i.record),
          raw: { key: i.record.key },
        })),
        checkpoint: JSON.stringify([last?.updatedMs, last?.record.key]),
        total: list.length,
      }
    }
  }

  async *listKeys(scope: ScopeSpec): AsyncIterable<readonly string[]> {
    yield this.#ordered(scope, undefined).map((i) => i.record.key)
  }

  fetchItems(keys: readonly string[]): Promise<PulledItem[]> {
    const found = keys.flatMap((key) => {
      const item = this.items.get(key)
      return item ? [{ record: structuredClone(item.record), raw: { key } }] : []
    })
    return Promise.resolve(found)
  }

  test(): Promise<ConnectionReport> {
    return Promise.resolve({ ok: true, checks: [], scopes: [] })
  }

  rateLimit() {
    return null
  }
}
