/**
 * Benchmark of the HTTP API: fills a SQLite file with N generated items (the demo history
 * generator), starts the server on loopback in a child process (so the load generator does not
 * share its event loop), requests every route once (the first request loads the snapshot: timed),
 * then runs autocannon against the main dashboard routes for D seconds each and prints p50/p95/p99
 * latency (ms, from every response) and requests/s. Prints figures only, asserts nothing.
 *
 * Usage: npx tsx scripts/bench/api-bench.ts [items=100000] [seconds=10] [connections=10]
 */
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { percentileSorted } from '@openvmo/core'
import { openStore } from '../../packages/server/src/store/open-store'
import { createApp } from '../../packages/server/src/api/create-app'
import { startServer } from '../../packages/server/src/api/serve'
import { HISTORY_NOW_MS, fillWithHistories } from './bench-stores'

const SERVE_FLAG = '--serve'
const [items = 100_000, seconds = 10, connections = 10] = process.argv.slice(2).map(Number)
const NOW_MS = HISTORY_NOW_MS

const ROUTES = [
  '/api/v1/portfolio?period=quarter',
  '/api/v1/metrics?stream=Payments&period=week',
  '/api/v1/metrics?period=month',
  '/api/v1/flow/cfd?stream=Payments',
  '/api/v1/flow/time-in-state?stream=Payments',
  '/api/v1/flow/aging?stream=Mobile',
  '/api/v1/flow/flow-times?stream=Mobile&period=month&from=2024-11-01&to=2025-01-01',
  '/api/v1/flow/daily?stream=Payments',
  '/api/v1/forecasts/when?stream=Payments&items=50',
  '/api/v1/value-streams',
  '/api/v1/items?q=PAY-1234',
]

const seconds2 = (ms: number) => `${(ms / 1000).toFixed(1)} s`

async function fillStore(path: string) {
  const store = await openStore({ db: path })
  const started = performance.now()
  await fillWithHistories(store, items)
  console.log(`imported ${items} items in ${seconds2(performance.now() - started)}`)
  return store
}

function run(url: string): Promise<{ result: autocannon.Result; times: number[] }> {
  const times: number[] = []
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds }, (error, result) =>
      error ? reject(error) : resolve({ result, times }),
    )
    // (client, statusCode, resBytes, responseTime): the rest form keeps within max-params.
    instance.on('response', (...args) => times.push(args[3]))
  })
}

async function measure(url: string) {
  const { result, times } = await run(url)
  times.sort((a, b) => a - b)
  const p = (q: number) => (percentileSorted(times, q) ?? NaN).toFixed(2)
  const non2xx = result.non2xx > 0 ? `  non-2xx ${result.non2xx}` : ''
  const kb = (result.throughput.average / result.requests.average / 1024).toFixed(1)
  return `p50 ${p(0.5)}  p95 ${p(0.95)}  p99 ${p(0.99)} ms  ${result.requests.average.toFixed(0)} req/s  ${kb} KiB/resp${non2xx}`
}

/** The child: opens the store file and serves it on a free loopback port. */
async function serveChild(path: string) {
  const store = await openStore({ db: path })
  const app = createApp({ store, clock: () => NOW_MS })
  const server = await startServer({ app, port: 0 })
  process.send?.(server.url)
  process.on('disconnect', () => void server.close().then(() => store.close()))
}

function startChild(path: string): Promise<{ url: string; stop: () => void }> {
  const child = fork(process.argv[1] ?? '', [SERVE_FLAG, path])
  return new Promise((resolve, reject) => {
    child.once('message', (url) => resolve({ url: String(url), stop: () => child.disconnect() }))
    child.once('error', reject)
  })
}

async function journeyRoute(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/items?q=PAY-12&limit=1`)
  const hit = ((await res.json()) as { items: { source: string; key: string }[] }).items[0]
  return `/api/v1/items/${hit?.source}/${encodeURIComponent(hit?.key ?? '')}`
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'openvmo-api-bench-'))
  const path = join(dir, 'bench.db')
  const store = await fillStore(path)
  await store.close()
  const server = await startChild(path)
  try {
    const routes = [...ROUTES, await journeyRoute(server.url)]
    for (const route of routes) {
      const started = performance.now()
      const res = await fetch(`${server.url}${route}`)
      await res.arrayBuffer()
      console.log(`first ${route}: ${res.status} in ${(performance.now() - started).toFixed(0)} ms`)
    }
    console.log(`\n${connections} connections, ${seconds} s per route, ${items} items`)
    for (const route of routes) console.log(`${route}\n  ${await measure(`${server.url}${route}`)}`)
  } finally {
    server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[2] === SERVE_FLAG) await serveChild(process.argv[3] ?? '')
else await main()
