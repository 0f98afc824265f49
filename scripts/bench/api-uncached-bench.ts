/**
 * Benchmark of the HTTP API without its response cache: every request of the dashboard's pages
 * (uncached-routes.ts) with a fresh as-of instant, so each one derives the timelines and computes
 * its view. The server runs in a child process over a kept SQLite store (bench-stores.ts); its
 * clock moves a minute per request (so even routes without an as-of parameter compute afresh).
 *
 * Per store and run: the first request of each route (it also loads the snapshot and builds the
 * indexes: timed apart) and an untimed warm-up round, then `rounds` sequential rounds (each
 * route's own latency), then for each concurrency level C, C clients cycling through the routes
 * for `seconds` (latency under load on one process). Prints p50/p95 per route and overall, as
 * medians over `runs` fresh server processes, with the load average: on a shared machine,
 * figures move with the load.
 *
 * Usage: npx tsx scripts/bench/api-uncached-bench.ts [store[:C,C…]] …, e.g. `demo:10,50
 * 1000000:4` (the default): a store is `demo` or a number of generated items.
 * Env: BENCH_UNCACHED_RUNS (3), BENCH_UNCACHED_ROUNDS (5), BENCH_UNCACHED_SECONDS (10);
 * BENCH_UNCACHED_ASOF=forward moves the as-of on a minute per request after the data's last
 * change (as the dashboard's "now" does) instead of back into the history;
 * BENCH_UNCACHED_CPU_PROF=<dir> writes the server's CPU profiles there.
 */
import { fork } from 'node:child_process'
import { loadavg } from 'node:os'
import { createApp } from '../../packages/server/src/api/create-app'
import { createFlowService } from '../../packages/server/src/api/flow-service'
import { createWorkerExecutor } from '../../packages/server/src/api/compute/worker-executor'
import { startServer } from '../../packages/server/src/api/serve'
import { openStore } from '../../packages/server/src/store/open-store'
import { benchStore } from './bench-stores'
import type { UncachedRoute } from './uncached-routes'
import { dashboardRoutes, planRoutes } from './uncached-routes'

const SERVE_FLAG = '--serve'
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const RUNS = env('BENCH_UNCACHED_RUNS', 3)
const ROUNDS = env('BENCH_UNCACHED_ROUNDS', 5)
const SECONDS = env('BENCH_UNCACHED_SECONDS', 10)
const FORWARD = process.env.BENCH_UNCACHED_ASOF === 'forward'

/** Latencies (ms) per route name. */
type Samples = Map<string, number[]>

interface RunFigures {
  first: Samples
  sequential: Samples
  /** Per concurrency level: the samples and the requests answered per second. */
  concurrent: { samples: Samples; requestsPerSecond: number }[]
  load: string
}

const loadText = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')

/** The child: serves the store with a clock that moves a minute per request. */
async function serveChild(path: string, nowMs: number): Promise<void> {
  const store = await openStore({ db: path })
  let served = 0
  const clock = () => nowMs + served * 60_000
  // The data does not change during the run: no version probe per (moving) minute.
  // As `vmo serve` does: analyses in the worker pool (BENCH_UNCACHED_EXECUTOR=inline: in-thread).
  const executor =
    process.env.BENCH_UNCACHED_EXECUTOR === 'inline' ? undefined : createWorkerExecutor()
  const service = createFlowService({
    store,
    clock,
    versionCheckMs: Number.MAX_SAFE_INTEGER,
    executor,
  })
  const app = createApp({ store, clock, service })
  const counted = { fetch: (request: Request) => (served++, app.fetch(request)) }
  const server = await startServer({ app: counted, port: 0 })
  process.send?.(server.url)
  process.on(
    'disconnect',
    () => void server.close().then(() => Promise.all([store.close(), executor?.close()])),
  )
}

function startChild(path: string, nowMs: number): Promise<{ url: string; stop: () => void }> {
  const args = [SERVE_FLAG, path, String(nowMs)]
  const profile = process.env.BENCH_UNCACHED_CPU_PROF
  const execArgv = [
    ...process.execArgv,
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
  ]
  const child = fork(process.argv[1] ?? '', args, { execArgv })
  return new Promise((resolve, reject) => {
    child.once('message', (url) => resolve({ url: String(url), stop: () => child.disconnect() }))
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      if (code !== 0) process.stderr.write(`the server exited with ${code ?? signal}\n`)
      reject(new Error(`the server exited with ${code ?? signal}`))
    })
  })
}

function add(samples: Samples, name: string, ms: number): void {
  const list = samples.get(name) ?? []
  list.push(ms)
  samples.set(name, list)
}

let fresh = 0

async function timed(base: string, route: UncachedRoute, samples: Samples): Promise<void> {
  const { path, init } = route.request(++fresh)
  const started = performance.now()
  const res = await fetch(`${base}${path}`, init)
  await res.arrayBuffer()
  if (!res.ok) throw new Error(`${route.name} ${path}: ${res.status}`)
  add(samples, route.name, performance.now() - started)
}

async function concurrently(base: string, routes: UncachedRoute[], connections: number) {
  const samples: Samples = new Map()
  const endAt = performance.now() + SECONDS * 1000
  let done = 0
  const client = async (c: number) => {
    for (let r = c; performance.now() < endAt; r++) {
      await timed(base, routes[r % routes.length]!, samples)
      done++
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: connections }, (_, c) => client(c)))
  return { samples, requestsPerSecond: done / ((performance.now() - started) / 1000) }
}

async function runOnce(
  store: { path: string; nowMs: number },
  levels: readonly number[],
): Promise<RunFigures> {
  const { path, nowMs } = store
  const server = await startChild(path, nowMs)
  try {
    const first: Samples = new Map()
    const sequential: Samples = new Map()
    const started = performance.now()
    const plan = await planRoutes(server.url, { nowMs, forward: FORWARD })
    add(first, 'load', performance.now() - started)
    const routes = dashboardRoutes(plan)
    for (const route of routes) await timed(server.url, route, first)
    // One more untimed round: the measured rounds see a warm process, as a server would be.
    for (const route of routes) await timed(server.url, route, new Map())
    for (let round = 0; round < ROUNDS; round++) {
      for (const route of routes) await timed(server.url, route, sequential)
    }
    const concurrent = []
    for (const level of levels) concurrent.push(await concurrently(server.url, routes, level))
    return { first, sequential, concurrent, load: loadText() }
  } finally {
    server.stop()
  }
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b)
const quantile = (values: number[], q: number) => {
  const s = sorted(values)
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN
}
const median = (values: number[]) => quantile(values, 0.5)
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1)).padStart(6)

/** Per route: the median over runs of each run's p50 and p95, and the runs' range of p95. */
function summarize(runs: Samples[], name: string | undefined) {
  const per = runs.map((samples) => {
    const values = name ? (samples.get(name) ?? []) : [...samples.values()].flat()
    return { p50: quantile(values, 0.5), p95: quantile(values, 0.95) }
  })
  const p95s = per.map((p) => p.p95)
  return {
    p50: median(per.map((p) => p.p50)),
    p95: median(p95s),
    range: `${ms(Math.min(...p95s)).trim()}–${ms(Math.max(...p95s)).trim()}`,
  }
}

function row(name: string | undefined, columns: Samples[][]): string {
  const cells = columns.map((runs) => {
    const { p50, p95, range } = summarize(runs, name)
    return `${ms(p50)} ${ms(p95)} [${range}]`.padEnd(26)
  })
  return `${(name ?? 'overall').padEnd(16)} │ ${cells.join(' │ ')}`
}

function report(label: string, runs: RunFigures[], levels: readonly number[]): void {
  const loads = runs.map((r) => r.load).join(' | ')
  console.log(`\n${label}: ${runs.length} runs; load average after each run: ${loads}`)
  const first = [...(runs[0]?.first ?? new Map<string, number[]>())]
  const firstText = first.map(([name, values]) => `${name} ${ms(median(values)).trim()}`)
  console.log(`first request per route (snapshot load, indexes): ${firstText.join(', ')} ms`)
  const heads = ['sequential', ...levels.map((c) => `${c} connections`)]
  console.log(
    `${'ms'.padEnd(16)} │ ${heads.map((h) => `${h}: p50 p95 [p95s]`.padEnd(26)).join(' │ ')}`,
  )
  const columns = [
    runs.map((r) => r.sequential),
    ...levels.map((_, k) => runs.map((r) => r.concurrent[k]?.samples ?? new Map())),
  ]
  for (const name of runs[0]?.sequential.keys() ?? []) console.log(row(name, columns))
  console.log(row(undefined, columns))
  const rates = levels.map((c, k) => {
    const perSecond = median(runs.map((r) => r.concurrent[k]?.requestsPerSecond ?? NaN))
    return `${c} connections ${perSecond.toFixed(0)}`
  })
  console.log(`requests/s (median): ${rates.join(', ')}`)
}

async function main(): Promise<void> {
  const specs = process.argv.slice(2)
  for (const spec of specs.length > 0 ? specs : ['demo:10,50', '1000000:4']) {
    const [kind = 'demo', levelText = ''] = spec.split(':')
    const levels = levelText.split(',').filter(Boolean).map(Number)
    const store = await benchStore(kind)
    const runs: RunFigures[] = []
    const direction = FORWARD ? 'forward from' : 'back from'
    const nowText = new Date(store.nowMs).toISOString()
    console.log(
      `${store.label}, as-of a minute per request ${direction} ${nowText}: load average before ${loadText()}`,
    )
    for (let run = 0; run < RUNS; run++) runs.push(await runOnce(store, levels))
    report(store.label, runs, levels)
  }
}

if (process.argv[2] === SERVE_FLAG) {
  await serveChild(process.argv[3] ?? '', Number(process.argv[4]))
} else await main()
