import type { RandomSource } from '../stats/random'

/** Marks a trial that did not reach its target within the day cap. */
export const NOT_REACHED = -1

/**
 * One Monte Carlo trial: draws daily counts from `days` with replacement, day after day, until
 * their sum reaches `target`; returns the number of days drawn, or {@link NOT_REACHED} when
 * `maxDays` days were not enough.
 */
export function simulateDaysUntil(
  days: Int32Array,
  target: number,
  options: { random: RandomSource; maxDays: number },
): number {
  const { random, maxDays } = options
  const n = days.length
  let done = 0
  for (let day = 1; day <= maxDays; day++) {
    done += days[random.nextInt(n)]!
    if (done >= target) return day
  }
  return NOT_REACHED
}

/**
 * One Monte Carlo trial: the sum of daily counts drawn from `days` with replacement over
 * `horizonDays` days. A fractional last day (the rest of an as-of day) keeps each completion of
 * one more drawn day with a probability of its fraction.
 */
export function simulateTotal(days: Int32Array, horizonDays: number, random: RandomSource): number {
  const n = days.length
  const whole = Math.floor(horizonDays)
  let done = 0
  for (let day = 0; day < whole; day++) done += days[random.nextInt(n)]!
  const part = horizonDays - whole
  if (part > 0) {
    const count = days[random.nextInt(n)]!
    for (let k = 0; k < count; k++) if (random.nextFloat() < part) done++
  }
  return done
}

/** The mean of daily counts, formatted for messages (`0.06`). */
export function formatRate(days: Int32Array): string {
  let total = 0
  for (let i = 0; i < days.length; i++) total += days[i]!
  return (total / days.length).toFixed(2)
}
