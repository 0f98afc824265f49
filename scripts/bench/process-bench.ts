/**
 * Whole-process timings of `vmo` as a user meets them: `vmo --help`, `vmo metrics` and
 * `vmo report` (with and without charts) on a 20,000-item history, and `vmo serve` on the demo
 * store until the dashboard page is served and until its first figures (the portfolio) are
 * answered. Each is run once to warm the file cache, then RUNS times; prints the median and the
 * range of wall time, and the median CPU time and peak RSS (from /usr/bin/time when present),
 * with the load average before and after.
 * Usage: node --import tsx scripts/bench/process-bench.ts [RUNS]   (default 7)
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { cliBuildIsCurrent } from '../../packages/server/bin/cli-build.mjs'
import { BENCH_MAPPING_YAML } from '../../packages/server/src/demo/bench-mapping'
import { writeHistoriesNdjson } from '../../packages/server/src/demo/ndjson-writer'

const RUNS = Number(process.argv[2] ?? 7)
const VMO = 'packages/server/bin/vmo.mjs'
const ITEMS = 20_000
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')

interface Run {
  wallMs: number
  cpuMs?: number
  rssMb?: number
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

/** One whole `node VMO ...args` process, timed from outside. */
function runOnce(args: readonly string[]): Run {
  const stats = join(tmpdir(), `vmo-bench-time-${process.pid}`)
  const command = TIME
    ? [TIME, '-f', '%U %S %M', '-o', stats, process.execPath, VMO, ...args]
    : [process.execPath, VMO, ...args]
  const t0 = performance.now()
  const result = spawnSync(command[0]!, command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] })
  const wallMs = performance.now() - t0
  if (result.status !== 0) throw new Error(`vmo ${args.join(' ')}: ${result.stderr.toString()}`)
  if (!TIME) return { wallMs }
  const [user = 0, sys = 0, rssKb = 0] = readFileSync(stats, 'utf8').trim().split(/\s+/).map(Number)
  rmSync(stats, { force: true })
  return { wallMs, cpuMs: (user + sys) * 1000, rssMb: rssKb / 1024 }
}

/** `vmo serve` on `db`: ms until the dashboard page is served, and until the portfolio answers. */
async function serveOnce(db: string): Promise<{ pageMs: number; figuresMs: number }> {
  const t0 = performance.now()
  const args = [VMO, 'serve', '--db', db, '--port', '0', '--web', 'packages/web/dist']
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] })
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = ''
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const match = /at (http:\/\/\S+)/.exec(output)
        if (match?.[1]) resolve(match[1])
      })
      child.on('exit', (code) => reject(new Error(`vmo serve exited with ${code}`)))
    })
    await (await fetch(`${url}/`)).text()
    const pageMs = performance.now() - t0
    await (await fetch(`${url}/api/v1/portfolio`)).text()
    return { pageMs, figuresMs: performance.now() - t0 }
  } finally {
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
  }
}

function row(title: string, runs: Run[]): void {
  const walls = runs.map((r) => r.wallMs)
  const range = `${Math.min(...walls).toFixed(0)}–${Math.max(...walls).toFixed(0)}`
  const cpu =
    runs[0]?.cpuMs === undefined ? '' : `${median(runs.map((r) => r.cpuMs ?? 0)).toFixed(0)} ms`
  const rss =
    runs[0]?.rssMb === undefined ? '' : `${median(runs.map((r) => r.rssMb ?? 0)).toFixed(0)} MB`
  console.log(
    `${title.padEnd(34)} │ ${`${median(walls).toFixed(0)} ms`.padStart(8)} │ ${range.padStart(11)} │ ${cpu.padStart(8)} │ ${rss.padStart(7)}`,
  )
}

if (!cliBuildIsCurrent()) {
  console.error('the compiled CLI is missing or stale: run npm run build first')
  process.exit(1)
}
const history = join('.bench', `history-${ITEMS}.ndjson`)
mkdirSync('.bench', { recursive: true })
if (!existsSync(history)) {
  process.stderr.write(`generating ${ITEMS.toLocaleString('en')} items into ${history} …\n`)
  await writeHistoriesNdjson(history, {
    items: ITEMS,
    seed: 42,
    startMs: Date.parse('2023-01-01T00:00:00Z'),
    years: 2,
  })
}
const dir = mkdtempSync(join(tmpdir(), 'vmo-process-bench-'))
const config = join(dir, 'openvmo.yaml')
writeFileSync(config, BENCH_MAPPING_YAML)
const input = ['--input', history, '--config', config, '--as-of', '2025-01-01']

console.log(`load average before: ${load()}; ${RUNS} runs after one warm-up, whole processes`)
console.log(`${'command'.padEnd(34)} │ wall med │  wall range │ CPU med │ peak RSS`)
const cases: [string, string[]][] = [
  ['vmo --help', ['--help']],
  [`vmo metrics (${ITEMS / 1000}k items)`, ['metrics', ...input, '--json']],
  [
    `vmo report --no-charts (${ITEMS / 1000}k)`,
    ['report', ...input, '--out', join(dir, 'r'), '--no-charts'],
  ],
  [`vmo report (${ITEMS / 1000}k, with charts)`, ['report', ...input, '--out', join(dir, 'r')]],
]
for (const [title, args] of cases) {
  runOnce(args)
  row(
    title,
    Array.from({ length: RUNS }, () => runOnce(args)),
  )
}

const db = join(dir, 'demo.db')
const demo = runOnce(['demo', '--db', db])
row('vmo demo (first npm start creates it)', [demo])
await serveOnce(db)
const serves = []
for (let i = 0; i < RUNS; i++) serves.push(await serveOnce(db))
row(
  'vmo serve on the demo: page served',
  serves.map((s) => ({ wallMs: s.pageMs })),
)
row(
  'vmo serve on the demo: first figures',
  serves.map((s) => ({ wallMs: s.figuresMs })),
)
console.log(`load average after: ${load()}`)
rmSync(dir, { recursive: true, force: true })
