import type { WorkItemRecord } from '@openvmo/core'
import type { Connector } from '../sources/connector'
import { CrossSourceLinker } from '../sources/links/detect-links'
import type { SourceDefinition } from '../store/store-types'
import type { SyncStore } from './sync-engine'

/** What {@link syncItems} did. */
export interface ItemSyncResult {
  inserted: number
  updated: number
  unchanged: number
  /** Named items the source no longer has (removed, with a tombstone). */
  deleted: number
}

/**
 * The scope an item belongs to, when the scope says by itself: a project scope by the item's
 * project, a repository scope by the key's `owner/name#` prefix, an organisation scope by its
 * `owner/` prefix. Undefined for a query scope (its next census covers the item).
 */
export function scopeOfRecord(
  source: SourceDefinition,
  record: WorkItemRecord,
): string | undefined {
  const lower = (text: string | undefined) => (text ?? '').toLowerCase()
  const key = lower(record.key)
  const found = source.scopes.find((scope) => {
    const value = lower(scope.value)
    if (scope.kind === 'project') return lower(record.project) === value
    if (scope.kind === 'repo') return key.startsWith(`${value}#`)
    if (scope.kind === 'org') return key.startsWith(`${value}/`)
    return false
  })
  return found?.name
}

/**
 * Re-syncs the named items of a source now (a webhook said they changed): fetches their current
 * state, stores it with its raw payload, and removes the named items the source no longer has.
 * Takes no lease: a full sync running meanwhile may store an older state of an item, which its
 * next incremental pull corrects (the item's update time is after that pull's watermark).
 */
export async function syncItems(at: {
  store: SyncStore
  source: SourceDefinition
  connector: Connector
  keys: readonly string[]
}): Promise<ItemSyncResult> {
  const { store, source } = at
  const items = await at.connector.fetchItems(at.keys)
  const linker = new CrossSourceLinker(await store.listItemKeys())
  const records = items.map((item) => linker.withLinks(item.record))
  const result = await store.importRecords(records, { sourceKind: source.kind })
  const byScope = new Map<string | null, { key: string; payload: unknown }[]>()
  for (const item of items) {
    const scope = scopeOfRecord(source, item.record) ?? null
    const list = byScope.get(scope) ?? []
    list.push({ key: item.record.key, payload: item.raw })
    byScope.set(scope, list)
  }
  for (const [scope, list] of byScope) await store.putRawPayloads(source.name, scope, list)
  const returned = new Set(items.map((item) => item.record.key))
  const gone = at.keys.filter((key) => !returned.has(key))
  const deleted = await store.deleteItems(source.name, {
    keys: gone,
    scope: null,
    reason: 'deleted',
  })
  return {
    inserted: result.inserted,
    updated: result.updated,
    unchanged: result.unchanged,
    deleted,
  }
}
