import { makeWorkItem } from './make-work-item'

/** Jan `day` 2024 at 10:`minute`:`second` UTC, as ISO-8601. */
export const at = (day: number, minute = 0, second = 0) =>
  new Date(Date.UTC(2024, 0, day, 10, minute, second)).toISOString()

/** `n` items finished `gapMs` apart from `start`, created on Jan 1. */
export function finished(prefix: string, n: number, [start, gapMs]: [number, number]) {
  return Array.from({ length: n }, (_, k) =>
    makeWorkItem({
      key: `${prefix}-${k}`,
      path: [
        [at(1), 'In Progress'],
        [new Date(start + k * gapMs).toISOString(), 'Done'],
      ],
    }),
  )
}
