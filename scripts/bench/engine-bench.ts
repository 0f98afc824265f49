/**
 * One benchmark run in its own process (so peak RSS is this size's alone): parses an NDJSON
 * history, then times the engine's full work on it and prints one JSON line of figures.
 * Usage: node --import tsx scripts/bench/engine-bench.ts FILE ITEMS
 */
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import {
  compileMapping,
  computeCumulativeFlow,
  computeFlowMetricsReport,
  computeTimeInState,
  dayBoundaries,
  deriveTimelines,
  forecastScopeWhen,
  forecastWhen,
  computeDailyThroughput,
  createSeededRandom,
  listCompletionInstants,
  indexCompletions,
  parseMappingYaml,
  periodBoundaries,
  selectItems,
} from '@openvmo/core'
import type { FlowDataset } from '@openvmo/core'
import { loadFlowDataset } from '../../packages/server/src/sources/ndjson/load-flow-dataset'
import { BENCH_MAPPING_YAML } from '../../packages/server/src/demo/bench-mapping'

const [file = '', itemsText = '0'] = process.argv.slice(2)
const AS_OF = Date.parse('2025-01-01T00:00:00Z')
const RANGE = { from: '2023-01-01', to: '2025-01-01' }

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

/**
 * The CPU time of this thread in ms (Linux: the first field of /proc/thread-self/schedstat, in
 * ns), NaN where it cannot be read. On a shared machine the wall time also counts the time other
 * processes held the cores; the main thread's CPU time is what the engine itself took.
 */
function threadCpuMs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e6
  } catch {
    return NaN
  }
}

/** The parts of the engine's time, in order (the backtest is reported beside it). */
const PARTS = ['compile', 'timelines', 'metrics', 'cfd', 'tis', 'forecast'] as const
/** CPU ms of the main thread of each part of the last {@link engineOnce}. */
const cpuOfPart: Record<string, number> = {}

/** Runs `fn`, keeps its CPU time as `cpuOfPart[part]` and returns its value and wall time. */
function time<T>(part: string, fn: () => T): [T, number] {
  const c0 = threadCpuMs()
  const t0 = performance.now()
  const value = fn()
  const wall = performance.now() - t0
  cpuOfPart[part] = threadCpuMs() - c0
  return [value, wall]
}

function engineOnce(dataset: FlowDataset) {
  const config = parseMappingYaml(BENCH_MAPPING_YAML, 'bench.yaml')
  const zone = config.timezone
  const [mapping, compileMs] = time('compile', () => compileMapping(config, dataset))
  const [timelines, timelinesMs] = time('timelines', () => deriveTimelines(dataset, mapping, AS_OF))
  const input = { dataset, mapping, timelines }
  const [, metricsMs] = time('metrics', () =>
    computeFlowMetricsReport(input, { ...RANGE, period: 'week' }),
  )
  const selection = selectItems(dataset, mapping)
  const periods = periodBoundaries(RANGE, 'custom', zone)
  const [, cfdMs] = time('cfd', () =>
    computeCumulativeFlow(input, selection, dayBoundaries(periods[0]!, periods[1]!, zone)),
  )
  const [, tisMs] = time('tis', () =>
    computeTimeInState(input, indexCompletions(timelines, selection, periods), {
      first: 0,
      last: 1,
    }),
  )
  // the "10,000-trial forecast": from the timelines to the dates, for the whole scope
  const [forecast, forecastMs] = time('forecast', () => {
    const completions = listCompletionInstants(input, selection)
    const throughput = computeDailyThroughput(completions, { asOfMs: AS_OF, timezone: zone })
    return forecastWhen(throughput, {
      items: 100,
      asOfMs: AS_OF,
      timezone: zone,
      trials: 10_000,
      random: createSeededRandom(1),
    })
  })
  // reported beside it: the same question backtested at 12 past dates (13 forecasts in all)
  const [, backtestMs] = time('backtest', () =>
    forecastScopeWhen(input, { items: 100, trials: 10_000, seed: 1 }),
  )
  const total = compileMs + timelinesMs + metricsMs + cfdMs + tisMs + forecastMs
  return {
    engineCpuMs: PARTS.reduce((sum, part) => sum + cpuOfPart[part]!, 0),
    ...Object.fromEntries(PARTS.map((part) => [`${part}CpuMs`, cpuOfPart[part]!])),
    compileMs,
    timelinesMs,
    metricsMs,
    cfdMs,
    tisMs,
    forecastMs,
    backtestMs,
    engineMs: total,
    forecastKind: forecast.kind,
  }
}

async function run() {
  const parseRuns: number[] = []
  let dataset: FlowDataset | undefined
  let changes = 0
  const parseRepeats = Number(itemsText) >= 1_000_000 ? 2 : 3
  for (let r = 0; r < parseRepeats; r++) {
    dataset = undefined
    const t0 = performance.now()
    const loaded = await loadFlowDataset(file)
    parseRuns.push(performance.now() - t0)
    dataset = loaded.dataset
    changes = loaded.changes
  }
  if (!dataset) throw new Error('no dataset')
  const engineRuns = Array.from({ length: 5 }, () => engineOnce(dataset!))
  const pick = (key: keyof (typeof engineRuns)[number]) => engineRuns.map((r) => Number(r[key]))
  const figures = {
    items: dataset.itemCount,
    changes,
    events: dataset.eventAt.length,
    parseMs: { median: median(parseRuns), runs: parseRuns },
    changesPerSecond: changes / (median(parseRuns) / 1000),
    engineMs: { median: median(pick('engineMs')), runs: pick('engineMs') },
    engineCpuMs: { median: median(pick('engineCpuMs')), runs: pick('engineCpuMs') },
    partsCpu: Object.fromEntries(PARTS.map((p) => [p, median(pick(`${p}CpuMs` as 'engineMs'))])),
    parts: Object.fromEntries(
      ['compileMs', 'timelinesMs', 'metricsMs', 'cfdMs', 'tisMs', 'forecastMs', 'backtestMs'].map(
        (k) => [k, median(pick(k as 'engineMs'))],
      ),
    ),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }
  process.stdout.write(`${JSON.stringify(figures)}\n`)
}

await run()
