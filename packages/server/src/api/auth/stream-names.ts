import type { Store } from '../../store/store'
import { parsedOrUndefined } from '../../store/mapped-dataset'

/**
 * The value streams roles are given on: those of the current mapping, by name (the model's
 * streams when no mapping is saved or it does not parse).
 */
export async function streamNames(store: Store): Promise<string[]> {
  const mapping = parsedOrUndefined((await store.findCurrentMapping())?.yaml)
  if (mapping) return mapping.valueStreams.map((s) => s.name)
  return (await store.listValueStreams()).map((s) => s.name)
}
