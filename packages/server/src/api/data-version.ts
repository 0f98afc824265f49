import { createHash } from 'node:crypto'
import type { Store } from '../store/store'

/** Returns a string that changes whenever the store's work items or mapping change. */
export type DataVersionProbe = () => Promise<string>

/** A short hex digest of `parts` (sha1, 16 hex digits). */
export function digest(...parts: readonly (string | number | null)[]): string {
  return createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 16)
}

/**
 * The default probe: a digest of the current mapping version, the stored item count per source
 * and each source's newest sync run (id, outcome, finish). It notices imports that add items,
 * finished syncs and mapping saves; an import that only rewrites existing items is noticed when
 * the caller calls `FlowService.invalidate()` (a store-side version counter would catch it).
 */
export function createStoreProbe(store: Store): DataVersionProbe {
  return async () => {
    const [mapping, sources] = await Promise.all([store.findCurrentMapping(), store.listSources()])
    const runs = await Promise.all(sources.map((source) => store.listSyncRuns(source.name)))
    const parts = sources.map((source, i) => {
      const run = runs[i]?.[0]
      return `${source.name}:${source.itemCount}:${run?.id}:${run?.outcome}:${run?.finishedAt}`
    })
    return digest(mapping?.version ?? null, ...parts)
  }
}
