import { linkedAbortController } from './github-fetch'

/**
 * `fn` of every item with at most `limit` calls running at once; results in the items' order.
 * The first failure rejects the whole call and aborts the signal handed to the calls still
 * running (combined with `signal`), so they stop early.
 */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  options: { limit: number; signal?: AbortSignal },
  fn: (item: T, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  const { controller: local, dispose } = linkedAbortController(options.signal)
  const signal = local.signal
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const k = next++
      results[k] = await fn(items[k] as T, signal)
    }
  }
  const workers = Array.from({ length: Math.min(options.limit, items.length) }, worker)
  try {
    await Promise.all(workers)
  } catch (error) {
    local.abort(error)
    await Promise.allSettled(workers)
    throw error
  } finally {
    dispose()
  }
  return results
}
