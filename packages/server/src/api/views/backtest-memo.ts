import { backtestHistoryEndMs } from '@openvmo/core'
import type { BacktestInputs } from '@openvmo/core'
import { LruCache } from '../lru-cache'

interface Kept {
  /** The completions the forecasts were made from (those before the history end, in order). */
  history: Float64Array
  forecasts: unknown
}

// Bounded: a kept history is 8 bytes per completion of its scope (4 MB at half a million).
const kept = new LruCache<string, Kept>(8)

// In the caller's order, not sorted: the same items completed before the history end come in the
// same order (item order), and another order of the same completions only costs a recomputation.
function historyOf(params: BacktestInputs): Float64Array {
  const endMs = backtestHistoryEndMs(params)
  const { completionsMs } = params
  let count = 0
  for (const ms of completionsMs) if (ms < endMs) count++
  const out = new Float64Array(count)
  count = 0
  for (const ms of completionsMs) if (ms < endMs) out[count++] = ms
  return out
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false
  return true
}

/**
 * The checkpoint forecasts of a backtest (`compute`, e.g. `forecastWhenCheckpoints`), kept
 * between requests: they are returned again only for the same `key` and the same completions
 * before the backtest's history end, compared value by value in order (every other input the forecasts
 * depend on, including the seed of a fresh random source, must be in `key`). A new as-of time
 * on the same day with the same history (the dashboard's "now" moving on) thus reuses the
 * 12 × 10,000 trials; anything else computes them afresh.
 */
export function recallCheckpointForecasts<T>(
  key: string,
  params: BacktestInputs,
  compute: () => T,
): T {
  const history = historyOf(params)
  const entry = kept.get(key)
  if (entry && sameValues(entry.history, history)) return entry.forecasts as T
  const forecasts = compute()
  kept.set(key, { history, forecasts })
  return forecasts
}
