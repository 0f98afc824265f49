import { describe, expect, test } from 'vitest'
import { backtestHistoryEndMs } from '@openvmo/core'
import { recallCheckpointForecasts } from './backtest-memo'

const DAY = 86_400_000
const asOfMs = Date.parse('2024-06-01T09:00:00Z')
const base = { asOfMs, timezone: 'UTC' }
const endMs = backtestHistoryEndMs({ ...base, completionsMs: new Float64Array(0) })
const history = Float64Array.from({ length: 50 }, (_, k) => endMs - (k + 1) * DAY)

function recall(key: string, completionsMs: Float64Array) {
  let computed = 0
  const value = recallCheckpointForecasts(key, { ...base, completionsMs }, () => ++computed)
  return { value, computed }
}

describe('recallCheckpointForecasts', () => {
  test('returns the kept forecasts when only completions from the history end on differ', () => {
    const first = recall('keep', history)
    const later = Float64Array.from([
      endMs + DAY,
      ...history.subarray(0, 9),
      endMs,
      ...history.subarray(9),
    ])
    expect(first.computed).toBe(1)
    expect(recall('keep', later)).toEqual({ value: 1, computed: 0 })
  })

  test('computes afresh when a completion before the history end differs', () => {
    recall('differ', history)
    const moved = history.map((ms, k) => (k === 7 ? ms + 1 : ms))
    expect(recall('differ', moved).computed).toBe(1)
    expect(recall('differ', history.subarray(1)).computed).toBe(1)
  })

  test('computes afresh when the key differs', () => {
    recall('one key', history)
    expect(recall('another key', history).computed).toBe(1)
  })
})
