import type { WorkItemChange } from './work-item-record'

/** A change with its parsed instant and kind, as the dataset builder holds it. */
export interface TimedChange {
  at: number
  kind: number
  change: WorkItemChange
}

function compareValues(a: TimedChange, b: TimedChange): number {
  const fa = a.change.from ?? ''
  const fb = b.change.from ?? ''
  if (fa !== fb) return fa < fb ? -1 : 1
  const ta = a.change.to ?? ''
  const tb = b.change.to ?? ''
  return ta === tb ? 0 : ta < tb ? -1 : 1
}

function orderRun(run: TimedChange[], before: string | null): TimedChange[] {
  const rest = [...run].sort(compareValues)
  const tos = new Set(rest.map((c) => c.change.to))
  const out: TimedChange[] = []
  let current = before
  while (rest.length > 0) {
    let k = rest.findIndex((c) => c.change.from === current)
    if (k < 0) k = rest.findIndex((c) => !tos.has(c.change.from))
    const [next] = rest.splice(Math.max(k, 0), 1)
    out.push(next!)
    current = next!.change.to
  }
  return out
}

/**
 * Orders changes of one kind that share an instant so that the result does not depend on the
 * order they were recorded in: each such run follows its from→to chain starting at the value
 * before the run (or at the change whose `from` no other change of the run leads to); changes the
 * chain does not decide are ordered by value. `changes` must already be sorted by instant; it is
 * reordered in place.
 */
export function orderSimultaneousChanges(changes: TimedChange[], kind: number): void {
  let before: string | null = null
  let k = 0
  while (k < changes.length) {
    let end = k
    while (end < changes.length && changes[end]!.at === changes[k]!.at) end++
    const run = changes.slice(k, end)
    const ofKind = run.filter((c) => c.kind === kind)
    if (ofKind.length > 1) {
      const ordered = orderRun(ofKind, before)
      let m = 0
      for (let j = k; j < end; j++) if (changes[j]!.kind === kind) changes[j] = ordered[m++]!
    }
    for (const c of ofKind.length > 1 ? orderRun(ofKind, before) : ofKind) before = c.change.to
    k = end
  }
}
