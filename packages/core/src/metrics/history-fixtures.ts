// Test fixtures of the engine (used by the *.test.ts files of engine/ and metrics/ only): seeded
// random histories large enough to reach the engine's fast paths (thousands of items).
import type { WorkItemRecord } from '../model/work-item-record'
import type { PathStep } from '../testing/make-work-item'
import { makeWorkItem } from '../testing/make-work-item'

/** Statuses of the generated histories (also the property tests'): waits, actives, done, canceled. */
export const HISTORY_STATUSES = [
  'Backlog',
  'Ready',
  'In Progress',
  'Blocked',
  'Awaiting QA',
  'In QA',
  'Done',
  'Closed',
  "Won't Do",
]
const TYPES = ['Story', 'Story', 'Bug', 'Vulnerability', 'Tech Debt', 'Sub-task']
/** Gaps between changes: many equal durations (ties), same-instant changes and long waits. */
const GAP_MINUTES = [0, 0, 1, 30, 60, 60 * 9, 60 * 24, 60 * 24, 60 * 47, 60 * 24 * 9]

/** Options of {@link randomHistories}. */
export interface RandomHistoryOptions {
  /** First possible creation instant (epoch ms); items are created over the next `spanDays`. */
  startMs: number
  spanDays: number
  /** At most this many changes per item (default 8). */
  maxSteps?: number
}

/** A deterministic pseudo-random source (LCG): the same seed gives the same histories. */
function seeded(seed: number): (n: number) => number {
  let state = seed >>> 0
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return Math.floor((state / 2 ** 32) * n)
  }
}

/**
 * `count` random work items: random creation, initial status and type, then up to `maxSteps`
 * status changes (any status, so reopens and cancellations happen) with an occasional type change,
 * some of them after the as-of times tests use. Durations are whole minutes, with many ties.
 */
export function randomHistories(
  count: number,
  seed: number,
  options: RandomHistoryOptions,
): WorkItemRecord[] {
  const random = seeded(seed)
  const pick = <T>(values: readonly T[]) => values[random(values.length)]!
  const records: WorkItemRecord[] = []
  for (let n = 0; n < count; n++) {
    let t = options.startMs + random(options.spanDays * 24 * 60) * 60_000
    const created = new Date(t).toISOString()
    const type = pick(TYPES)
    const path: PathStep[] = []
    const steps = random((options.maxSteps ?? 8) + 1)
    for (let s = 0; s < steps; s++) {
      t += pick(GAP_MINUTES) * 60_000
      const at = new Date(t).toISOString()
      path.push(
        random(8) === 0 ? [at, pick(HISTORY_STATUSES), pick(TYPES)] : [at, pick(HISTORY_STATUSES)],
      )
    }
    records.push(
      makeWorkItem({ key: `R-${n}`, created, type, initialStatus: pick(HISTORY_STATUSES), path }),
    )
  }
  return records
}
