/** Which direction of change is good news for a metric. */
export type Better = 'higher' | 'lower' | 'neutral'

export interface Trend {
  direction: 'up' | 'down' | 'flat'
  /** Relative change vs the previous value (0.12 = +12%); null when either is missing or zero. */
  change: number | null
  /** Whether the change is good, bad, or neither for this metric. */
  tone: 'good' | 'bad' | 'neutral'
}

/** Changes under this share of the previous value read as flat. */
const FLAT = 0.02

/** The trend of `current` against `previous`; null when either cannot be computed. */
export function trendOf(
  current: number | null | undefined,
  previous: number | null | undefined,
  better: Better,
): Trend | null {
  if (current === null || current === undefined || previous === null || previous === undefined) {
    return null
  }
  const change = previous === 0 ? null : (current - previous) / Math.abs(previous)
  const flat = change === null ? current === previous : Math.abs(change) < FLAT
  const direction = flat ? 'flat' : current > previous ? 'up' : 'down'
  const tone =
    better === 'neutral' || direction === 'flat'
      ? 'neutral'
      : (direction === 'up') === (better === 'higher')
        ? 'good'
        : 'bad'
  return { direction, change, tone }
}
