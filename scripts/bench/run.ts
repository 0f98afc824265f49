/**
 * `npm run bench`: generates seeded histories (cached in .bench/), then for each size runs
 * engine-bench.ts in a fresh process and prints parse speed, engine time and peak RSS, with the
 * spread of repeated runs and the machine's load so noisy figures are visible as such; then the
 * store benchmark (import into SQLite and PostgreSQL, load into the engine), the HTTP API
 * benchmark (autocannon on loopback), the uncached API benchmark (every dashboard request with
 * a fresh as-of, on the demo organisation and on 1M items) and the sync benchmark (full and
 * incremental sync from fake Jira and GitHub servers) and the whole-process timings of vmo.
 * Usage: npm run bench [-- 10000 100000 1000000]; `npm run bench -- process` runs only the
 * whole-process timings of vmo (process-bench.ts), `npm run bench -- calibration` only the
 * forecasts replayed at monthly as-of dates (calibration-bench.ts); BENCH_STORE_ITEMS and BENCH_API_ITEMS set the
 * store and API sizes (default 100000), BENCH_UNCACHED the uncached API's stores and concurrency
 * levels (default "demo:10,50 1000000:4", see api-uncached-bench.ts), BENCH_SYNC_ITEMS and
 * BENCH_SYNC_SOURCES the sync benchmark (default 100000 items, jira,github), BENCH_ENGINE_ONLY=1
 * skips them.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { loadavg, cpus } from 'node:os'
import { join } from 'node:path'
import { writeHistoriesNdjson } from '../../packages/server/src/demo/ndjson-writer'

/** Benchmarks run on their own by name: `npm run bench -- <name>`. */
const NAMED_BENCHES: Record<string, string> = {
  calibration: 'scripts/bench/calibration-bench.ts',
  process: 'scripts/bench/process-bench.ts',
}
const namedBench = NAMED_BENCHES[process.argv[2] ?? '']
if (namedBench !== undefined) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', namedBench, ...process.argv.slice(3)],
    { stdio: 'inherit' },
  )
  process.exit(run.status ?? 1)
}

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0)
const SIZES = sizes.length > 0 ? sizes : [10_000, 100_000, 200_000, 1_000_000]
const DIR = '.bench'

async function historyFile(items: number): Promise<string> {
  const path = join(DIR, `history-${items}.ndjson`)
  if (!existsSync(path)) {
    process.stderr.write(`generating ${items.toLocaleString('en')} items into ${path} …\n`)
    await writeHistoriesNdjson(path, {
      items,
      seed: 42,
      startMs: Date.parse('2023-01-01T00:00:00Z'),
      years: 2,
    })
  }
  return path
}

interface Figures {
  items: number
  changes: number
  parseMs: { median: number; runs: number[] }
  changesPerSecond: number
  engineMs: { median: number; runs: number[] }
  /** The main thread's CPU time (NaN where it cannot be read): the engine's own cost. */
  engineCpuMs: { median: number; runs: number[] }
  parts: Record<string, number>
  partsCpu: Record<string, number>
  peakRssMb: number
}

const spread = (runs: number[]) => {
  const s = [...runs].sort((a, b) => a - b)
  return `${(((s[s.length - 1]! - s[0]!) / s[Math.floor(s.length / 2)]!) * 100).toFixed(0)}%`
}

function report(f: Figures): void {
  const row = [
    f.items.toLocaleString('en').padStart(10),
    f.changes.toLocaleString('en').padStart(11),
    `${(f.parseMs.median / 1000).toFixed(2)} s`.padStart(9),
    `${(f.changesPerSecond / 1e6).toFixed(2)} M/s`.padStart(10),
    `${(f.engineMs.median / 1000).toFixed(3)} s (±${spread(f.engineMs.runs)})`.padStart(17),
    `${(f.parts.backtestMs! / 1000).toFixed(3)} s`.padStart(9),
    `${f.peakRssMb.toFixed(0)} MB`.padStart(8),
  ]
  console.log(row.join(' │ '))
  console.log(
    `            engine parts (median ms): ${Object.entries(f.parts)
      .map(([k, v]) => `${k.replace(/Ms$/, '')} ${v.toFixed(0)}`)
      .join(', ')}`,
  )
  console.log(
    `            engine CPU of the main thread (median): ${(f.engineCpuMs.median / 1000).toFixed(3)} s (runs ${f.engineCpuMs.runs
      .map((ms) => (ms / 1000).toFixed(2))
      .join(', ')}); parts ${Object.entries(f.partsCpu)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ')}`,
  )
}

mkdirSync(DIR, { recursive: true })
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (figures on a loaded machine are slower)`,
)
console.log(
  '     items │     changes │    parse │ parse rate │ engine (median)   │ backtest │ peak RSS',
)
for (const items of SIZES) {
  const file = await historyFile(items)
  const out = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--max-old-space-size=4096',
      'scripts/bench/engine-bench.ts',
      file,
      String(items),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  )
  report(JSON.parse(out.trim().split('\n').pop() ?? '{}') as Figures)
}
console.log(
  'engine = compile mapping + timelines + weekly Flow Metrics over 2 years + CFD + time in state + a 10,000-trial "when will 100 items be done" forecast (median of 5 runs);',
)
console.log(
  'backtest = that forecast with its 12-checkpoint backtest (13 x 10,000 trials), as the product shows every forecast; parse = NDJSON file to columnar dataset.',
)
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
)

function runScript(title: string, args: string[]): void {
  console.log(`\n${title}`)
  spawnSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=4096', ...args], {
    stdio: 'inherit',
  })
}

if (!process.env.BENCH_ENGINE_ONLY) {
  const storeItems = process.env.BENCH_STORE_ITEMS ?? '100000'
  const apiItems = process.env.BENCH_API_ITEMS ?? '100000'
  runScript(
    `store: import into SQLite and PostgreSQL, load into the engine (${storeItems} items)`,
    ['scripts/bench/store-bench.ts', storeItems, 'sqlite,postgres', '3'],
  )
  runScript(`HTTP API: dashboard routes under load on loopback (${apiItems} items)`, [
    'scripts/bench/api-bench.ts',
    apiItems,
    '10',
    '10',
  ])
  const uncached = (process.env.BENCH_UNCACHED ?? 'demo:10,50 1000000:4').split(/\s+/)
  runScript('api-uncached: every dashboard request with a fresh as-of (no response cache)', [
    'scripts/bench/api-uncached-bench.ts',
    ...uncached,
  ])
  const syncItems = process.env.BENCH_SYNC_ITEMS ?? '100000'
  runScript(`sync: full and incremental from fake Jira and GitHub servers (${syncItems} items)`, [
    'scripts/bench/sync-bench.ts',
    syncItems,
    process.env.BENCH_SYNC_SOURCES ?? 'jira,github',
  ])
  runScript('process: vmo as whole processes (start-up, metrics, report, serve)', [
    'scripts/bench/process-bench.ts',
  ])
}
