import { createHash } from 'node:crypto'
import type { Store } from '../store/store'

/** Returns a string that changes whenever the store's work items or mapping change. */
export type DataVersionProbe = () => Promise<string>

/** A short hex digest of `parts` (sha1, 16 hex digits). */
export function digest(...parts: readonly (string | number | null)[]): string {
  return createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 16)
}

/**
 * The default probe: a digest of the store's data version (raised by every import that changed
 * items, model and business-results writes and finished syncs) and the current mapping version.
 * Two cheap reads, so several stateless instances can poll it.
 */
export function createStoreProbe(store: Store): DataVersionProbe {
  return async () => {
    const [mapping, version] = await Promise.all([store.findCurrentMapping(), store.dataVersion()])
    return digest(mapping?.version ?? null, version)
  }
}
