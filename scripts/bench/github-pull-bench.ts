// GitHub connector benchmark: a full pull of ITEMS issues with EVENTS timeline events each from
// the fake GitHub (in its own process, answering at once), an incremental pull after 100 items
// changed, then a key census twice (the second answered with 304s). Prints items/s, CPU ms per
// item (this process only: the connector, its HTTP client and the mapper) and peak RSS. Figures
// only, no assertions; not part of run.ts yet. BENCH_GITHUB_CONCURRENCY sets the connector's
// concurrency (default 4, the connector's default).
// Usage: node --import tsx --expose-gc scripts/bench/github-pull-bench.ts [items=100000] [events=10]
import { createGitHubConnector } from '../../packages/server/src/sources/github/github-connector'
import type { ScopeSpec } from '../../packages/server/src/sources/connector'
import { fullPullLine, machineLine, measure, pullMeter, startFakeTool } from './pull-bench-kit'

const items = Number(process.argv[2] ?? 100_000)
const events = Number(process.argv[3] ?? 10)
const scope: ScopeSpec = { name: 'pay', kind: 'repo', value: 'acme/pay' }

const fake = await startFakeTool('scripts/bench/github-fake-process.ts', [items, events])
const concurrency = Number(process.env.BENCH_GITHUB_CONCURRENCY ?? 4)
const connector = createGitHubConnector({
  sourceName: 'github',
  token: fake.token,
  config: { apiUrl: fake.url, concurrency },
})
const meter = pullMeter(connector, scope)

const pullStart = Date.now()
const pull = await measure(() => meter.pull())
const edited = await fake.edit(100)
// the engine asks for the items updated since the last run began, less an overlap
const incremental = await measure(() => meter.pull(pullStart - 60_000))
const cold = await measure(() => meter.census())
const warm = await measure(() => meter.census())
fake.stop()

console.log(machineLine())
console.log(fullPullLine(pull, `status changes, ${events} timeline events each`))
console.log(
  `incremental pull after ${edited} items changed: ${incremental.result.pulled} items in ${(incremental.ms / 1000).toFixed(2)} s`,
)
console.log(
  `key census: ${cold.result.toLocaleString('en')} keys in ${(cold.ms / 1000).toFixed(2)} s; again with ETags (304s): ${(warm.ms / 1000).toFixed(2)} s`,
)
console.log(`peak RSS of the connector process: ${meter.peakRssMb()} MB`)
