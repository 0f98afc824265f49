import type { Connector, ScopeSpec } from '../sources/connector'
import type { ItemStore, SyncStateStore } from '../store/store'

/** What a census found: the source's item count in the scope and how many stored items went. */
export interface CensusResult {
  sourceCount: number
  deleted: number
}

/**
 * The key census of one scope (the fix for "incremental sync cannot see deletions"): lists the
 * keys the source holds in the scope now and removes the stored items the scope delivered
 * before that are no longer among them (deleted, or moved to another scope or project, where
 * they come in under their new key), keeping a tombstone of each. Keys missing from the listing
 * are asked for by name first, so an item a paged listing skipped is not taken for deleted.
 */
export async function reconcileScope(at: {
  store: ItemStore & SyncStateStore
  connector: Connector
  source: string
  scope: ScopeSpec
  signal?: AbortSignal
}): Promise<CensusResult> {
  const present = new Set<string>()
  const options = at.signal ? { signal: at.signal } : {}
  for await (const page of at.connector.listKeys(at.scope, options)) {
    for (const key of page) present.add(key)
  }
  const stored = await at.store.listScopeKeys(at.source, at.scope.name)
  const missing = stored.filter((key) => !present.has(key))
  // A listing that pages by number can skip an item when another one vanishes mid-census: an
  // item still found under its own key is kept (one moved elsewhere comes back under a new key).
  const found = missing.length === 0 ? [] : await at.connector.fetchItems(missing, options)
  const alive = new Set(found.map((item) => item.record.key))
  const gone = missing.filter((key) => !alive.has(key))
  const deleted = await at.store.deleteItems(at.source, {
    keys: gone,
    scope: at.scope.name,
    reason: 'deleted',
  })
  return { sourceCount: present.size, deleted }
}
