import type { FlowInput } from '../metrics/flow-metrics-report'
import { computeDailyThroughput } from '../forecast/daily-throughput'
import { dateOfInstant } from '../time/periods'
import { checkFlowTimes, remainingTimesMs, simulateNotStarted } from '../forecast/forecast-item'
import { checkThroughput, throughputTooLow } from '../forecast/forecast-common'
import type { InsufficientData } from '../forecast/forecast-types'
import {
  CONFIDENCE_LEVELS,
  DEFAULT_MAX_DAYS,
  DEFAULT_MIN_FLOW_TIMES,
  DEFAULT_TRIALS,
} from '../forecast/forecast-types'
import { percentileSorted } from '../stats/percentile'
import { createSeededRandom } from '../stats/random'
import type { RandomSource } from '../stats/random'
import { MS_PER_DAY } from '../time/instant'
import { DEFAULT_FORECAST_SEED, DEFAULT_WINDOW_DAYS } from './forecast-defaults'
import type { ForecastOptions, ForecastWarning } from './forecast-defaults'
import { bulkCloseWarning, listBulkCloseInstants } from './bulk-close-warning'
import type { Selection } from './selection'
import type { DatedItemForecast, ItemForecastResult, WaitedOnItem } from './item-forecast'
import {
  countItemsAhead,
  forecastOneItem,
  listRecentFlowTimes,
  selectionForItem,
} from './item-forecast'
import { listCompletionInstants } from './scope-forecasts'
import { recalibrateSample } from '../forecast/item-calibration'
import { inProgressCalibration, queueCalibration } from './item-calibrations'

/**
 * Which items deliver which: for an item index, the indexes of the items that deliver it directly
 * (its children, the items it is delivered by, those that implement it), across tools.
 */
export type DeliveryGraph = ReadonlyMap<number, readonly number[]>

const NO_LINK_REASON =
  'no delivering work is linked: link the epic, stories or pull requests that deliver it (children, a "delivered_by" link from it or an "implements" link to it)'

/**
 * The forecast of an item through its links (FLOW-METRICS.md "Forecasts", roll-up): a request,
 * incident, epic, feature or release is done when the last of the open work delivering it is
 * done. The open delivering items are those reached through `delivery` (any depth) that are Flow
 * Items and have no open delivering Flow Item below them; each is forecast from its own value
 * stream's history (in progress: flow times longer than its age; not started: its queue plus a
 * flow time), and one Monte Carlo draws one outcome of each per trial and keeps the latest. The
 * dates are quantiles of those maxima; `rollUp` lists the items with their own 85% dates and how
 * often each was the last (the critical item the most). When none has started, a warning says the
 * date rests on queue positions. Work with nothing delivering it linked: a Flow Item gets its own
 * forecast ({@link forecastOneItem}), anything else `no_delivering_work` with what to link.
 */
export function forecastThroughLinks(
  input: FlowInput,
  options: ForecastOptions & { item: number; delivery: DeliveryGraph },
): ItemForecastResult {
  const own = forecastOneItem(input, options)
  const { timelines } = input
  const i = options.item
  if (!timelines.included[i] || timelines.endState[i] !== 255) return own
  const linked = options.delivery.get(i) ?? []
  const { leaves, done } = openLeaves(input, options.delivery, i)
  if (leaves.length === 0) {
    if (timelines.flowItem[i]! < 4) return own
    if (linked.length === 0) return { kind: 'no_delivering_work', reason: NO_LINK_REASON }
    if (done > 0 && !hasOpen(input, options.delivery, i)) {
      return {
        kind: 'not_applicable',
        reason: `all ${done} delivering items are done: it waits only on its own closing`,
      }
    }
    const names = linked
      .slice(0, 3)
      .map((j) => keyOf(input, j))
      .join(', ')
    return {
      kind: 'no_delivering_work',
      reason: `no delivering work is linked below ${names}: it has no open stories, bugs or other Flow Items yet; link or create the work that delivers it`,
    }
  }
  return combine(input, { ...options, leaves, done })
}

/** Whether any item below `root` is still open (an epic without stories, say). */
function hasOpen(input: FlowInput, delivery: DeliveryGraph, root: number): boolean {
  const seen = new Set<number>([root])
  const stack = [root]
  while (stack.length > 0) {
    for (const j of delivery.get(stack.pop()!) ?? []) {
      if (seen.has(j) || !input.timelines.included[j]) continue
      if (input.timelines.endState[j] === 255) return true
      seen.add(j)
      stack.push(j)
    }
  }
  return false
}

/** Open delivering Flow Items with no open delivering Flow Item below them; done counts ended. */
function openLeaves(input: FlowInput, delivery: DeliveryGraph, root: number) {
  const { timelines } = input
  const seen = new Set<number>([root])
  const leaves: number[] = []
  let done = 0
  const visit = (i: number): boolean => {
    let below = false
    for (const j of delivery.get(i) ?? []) {
      if (seen.has(j) || !timelines.included[j]) continue
      seen.add(j)
      if (timelines.endState[j] !== 255) {
        done++
        continue
      }
      const deeper = visit(j)
      if (!deeper && timelines.flowItem[j]! < 4) leaves.push(j)
      below = below || deeper || timelines.flowItem[j]! < 4
    }
    return below
  }
  visit(root)
  return { leaves, done }
}

/** Outcome days after as-of of one open item from its own stream; a refusal names the item. */
function outcomesOf(
  input: FlowInput,
  j: number,
  run: {
    trials: number
    random: RandomSource
    windowDays: number
    timezone: string
    /** Bulk-close warnings of the streams' throughput samples, by selection (once each). */
    bulk: Map<Selection, ForecastWarning | undefined>
  },
): { days: Float64Array; started: boolean } | InsufficientData {
  const { timelines } = input
  const selection = selectionForItem(input, j)
  const flowTimesMs = listRecentFlowTimes(input, selection)
  const start = timelines.startMs[j]!
  const asOfMs = timelines.asOfMs
  if (start === start) {
    const remaining = remainingTimesMs(flowTimesMs, asOfMs - start)
    if (remaining.length < DEFAULT_MIN_FLOW_TIMES) {
      const reason = `only ${remaining.length} completed items of its stream took longer than ${keyOf(input, j)} so far (at least ${DEFAULT_MIN_FLOW_TIMES} needed)`
      return { kind: 'insufficient_data', reason, sampleSize: remaining.length, required: 5 }
    }
    for (let k = 0; k < remaining.length; k++) remaining[k] = remaining[k]! / MS_PER_DAY
    return {
      days: recalibrateSample(remaining, inProgressCalibration(input, selection)),
      started: true,
    }
  }
  const completionsMs = listCompletionInstants(input, selection)
  const throughput = computeDailyThroughput(completionsMs, { ...run, asOfMs })
  const items = countItemsAhead(input, selection, j) + 1
  const params = { flowTimesMs, itemsAhead: items - 1, asOfMs, ...run }
  const refusal = checkThroughput(throughput, {}) ?? checkFlowTimes(params)
  if (refusal) return { ...refusal, reason: `${keyOf(input, j)}: ${refusal.reason}` }
  const days = new Float64Array(run.trials)
  const reached = simulateNotStarted(throughput.days, days, {
    ...params,
    items,
    maxDays: DEFAULT_MAX_DAYS,
    queueCalibration: queueCalibration(input, selection, { ...run, items }),
  })
  if (reached < run.trials) {
    const low = throughputTooLow(throughput, { items, maxDays: DEFAULT_MAX_DAYS, reached, ...run })
    return { ...low, reason: `${keyOf(input, j)}: ${low.reason}` }
  }
  if (!run.bulk.has(selection)) {
    const bulkCloseMs = listBulkCloseInstants(input, selection)
    run.bulk.set(selection, bulkCloseWarning(bulkCloseMs, throughput, { ...run, asOfMs }))
  }
  return { days, started: false }
}

function combine(
  input: FlowInput,
  options: ForecastOptions & { leaves: number[]; done: number },
): DatedItemForecast | InsufficientData {
  const trials = options.trials ?? DEFAULT_TRIALS
  const random = createSeededRandom(options.seed ?? DEFAULT_FORECAST_SEED)
  const timezone = options.timezone ?? input.mapping.timezone
  const windowDays = options.windowDays ?? DEFAULT_WINDOW_DAYS
  const bulk = new Map<Selection, ForecastWarning | undefined>()
  const run = { trials, random, windowDays, timezone, bulk }
  const samples: Float64Array[] = []
  const leaves: number[] = []
  const leftOut: { item: number; refusal: InsufficientData }[] = []
  let started = 0
  for (const j of options.leaves) {
    const result = outcomesOf(input, j, run)
    if ('kind' in result) {
      leftOut.push({ item: j, refusal: result })
      continue
    }
    leaves.push(j)
    samples.push(result.days)
    if (result.started) started++
  }
  // A few items history cannot forecast are left out of the date and named; when they are the
  // majority, a date from the rest would mislead, so the whole forecast is refused.
  if (leftOut.length > 0 && leftOut.length * 2 >= options.leaves.length) {
    const first = leftOut[0]!.refusal
    if (leftOut.length === 1) return first
    return {
      ...first,
      reason: `${leftOut.length} of the ${options.leaves.length} open items cannot be forecast from their history, e.g. ${first.reason}`,
    }
  }
  const latest = new Float64Array(trials)
  const lastCounts = new Int32Array(samples.length)
  for (let t = 0; t < trials; t++) {
    let max = -1
    let arg = 0
    for (let s = 0; s < samples.length; s++) {
      const sample = samples[s]!
      const value = sample[random.nextInt(sample.length)]!
      if (value > max) {
        max = value
        arg = s
      }
    }
    latest[t] = max
    lastCounts[arg]!++
  }
  // One warning per stream whose sample holds bulk closes (the same text once).
  const bulkMessages = new Map<string, ForecastWarning>()
  for (const w of bulk.values()) if (w) bulkMessages.set(w.message, w)
  const bulkWarnings = [...bulkMessages.values()]
  return rollUpResult(input, {
    ...options,
    leaves,
    leftOut,
    latest: latest.sort(),
    samples,
    lastCounts,
    started,
    bulkWarnings,
  })
}

function rollUpResult(
  input: FlowInput,
  r: ForecastOptions & {
    leaves: number[]
    done: number
    latest: Float64Array
    samples: Float64Array[]
    lastCounts: Int32Array
    started: number
    bulkWarnings: ForecastWarning[]
    leftOut: { item: number; refusal: InsufficientData }[]
  },
): DatedItemForecast {
  const asOfMs = input.timelines.asOfMs
  const timezone = r.timezone ?? input.mapping.timezone
  const dateAt = (days: number) => dateOfInstant(asOfMs + days * MS_PER_DAY, timezone)
  const confidence = CONFIDENCE_LEVELS.map((level) => {
    const days = percentileSorted(r.latest, level)!
    return { level, days, date: dateAt(days) }
  })
  const trials = r.latest.length
  const items = r.leaves.map((j, s) => ({
    ...idOf(input, j),
    basis:
      input.timelines.startMs[j] === input.timelines.startMs[j] ? 'in_progress' : 'not_started',
    date85: dateAt(percentileSorted(r.samples[s]!.slice().sort(), 0.85)!),
    criticalShare: r.lastCounts[s]! / trials,
  })) as WaitedOnItem[]
  items.sort((a, b) => b.criticalShare - a.criticalShare)
  const warnings: ForecastWarning[] =
    r.started === 0
      ? [
          {
            code: 'nothing_started',
            message: `none of the ${r.leaves.length} open delivering items has started: the date rests on their queue positions`,
          },
        ]
      : []
  warnings.push(...r.bulkWarnings)
  const leftOut = r.leftOut.map(({ item, refusal }) => ({
    ...idOf(input, item),
    reason: refusal.reason,
  }))
  if (leftOut.length > 0) {
    const keys = leftOut.slice(0, 5).map((o) => `${o.source}:${o.key}`)
    const more = leftOut.length > keys.length ? ` and ${leftOut.length - keys.length} more` : ''
    warnings.push({
      code: 'left_out',
      message: `the date leaves out ${leftOut.length} open ${leftOut.length === 1 ? 'item' : 'items'} that history cannot forecast (${keys.join(', ')}${more}): ${leftOut[0]!.reason}`,
    })
  }
  const flowTimes = r.samples.reduce((n, s) => n + s.length, 0)
  return {
    kind: 'forecast',
    basis: 'roll_up',
    confidence,
    sample: { flowTimes, ageDays: null, itemsAhead: null },
    trials,
    warnings,
    calibration: null,
    rollUp: {
      items,
      critical: `${items[0]!.source}:${items[0]!.key}`,
      done: r.done,
      leftOut,
    },
  }
}

function idOf(input: FlowInput, j: number) {
  const { dataset } = input
  return { source: dataset.sources.valueOf(dataset.itemSource[j]!), key: dataset.itemKey[j]! }
}

function keyOf(input: FlowInput, j: number): string {
  const id = idOf(input, j)
  return `${id.source}:${id.key}`
}

/** A set of items and how many of them are open or done. */
export interface ItemSetSummary {
  matched: number
  open: number
  done: number
}

/**
 * "When will these items be done" (a list of keys, an epic, a fix version, a label, a query): the
 * set is done when the last of its open work is done, forecast as {@link forecastThroughLinks}
 * from each open Flow Item's own stream (an epic or request in the set stands for the open work
 * `delivery` lists below it). Refuses with `not_applicable` when every item of the set is done.
 */
export function forecastItemSet(
  input: FlowInput,
  options: ForecastOptions & { items: readonly number[]; delivery: DeliveryGraph },
): { set: ItemSetSummary; forecast: ItemForecastResult } {
  const root = -1
  const delivery = new Map(options.delivery)
  delivery.set(root, [...options.items])
  const { leaves, done } = openLeaves(input, delivery, root)
  let ended = 0
  for (const i of options.items) if (input.timelines.endState[i] !== 255) ended++
  const set = { matched: options.items.length, open: options.items.length - ended, done: ended }
  if (leaves.length === 0) {
    const reason = `all ${done} items of the set are done (or none is a flow item)`
    return { set, forecast: { kind: 'not_applicable', reason } }
  }
  return { set, forecast: combine(input, { ...options, leaves, done }) }
}

/** One point of a set's burn-up: by the end of `date`, `done` of the `total` items created. */
export interface BurnUpPoint {
  date: string
  done: number
  total: number
}

/**
 * The burn-up of a set: on each of up to `points` (default 60) evenly spaced dates from the first
 * creation of its items to the as-of time, how many had been created (scope) and how many done.
 */
export function computeSetBurnUp(
  input: FlowInput,
  items: readonly number[],
  points = 60,
): BurnUpPoint[] {
  const { dataset, timelines } = input
  const asOfMs = timelines.asOfMs
  let firstMs = asOfMs
  for (const i of items) firstMs = Math.min(firstMs, dataset.createdMs[i]!)
  const stepMs = Math.max(
    MS_PER_DAY,
    Math.ceil((asOfMs - firstMs) / points / MS_PER_DAY) * MS_PER_DAY,
  )
  const timezone = input.mapping.timezone
  const out: BurnUpPoint[] = []
  for (let at = Math.min(asOfMs, firstMs + stepMs); ; at = Math.min(asOfMs, at + stepMs)) {
    let total = 0
    let done = 0
    for (const i of items) {
      if (dataset.createdMs[i]! <= at) total++
      if (timelines.endState[i] !== 255 && timelines.endMs[i]! <= at) done++
    }
    out.push({ date: dateOfInstant(at, timezone), done, total })
    if (at >= asOfMs) return out
  }
}
