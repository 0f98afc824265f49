// GitLab connector benchmark: a full pull of ITEMS issues with CHANGES workflow-label changes
// each from the fake GitLab (in its own process, answering at once), an incremental pull after
// 100 items changed, then a key census. Prints items/s, CPU ms per item (this process only: the
// connector, its HTTP client and the mapper) and peak RSS. Figures only, no assertions; not part
// of run.ts. The connector reads 4 lists per issue (state, label and milestone events, links):
// BENCH_GITLAB_CONCURRENCY sets its concurrency (default 4, the connector's default).
// Usage: node --import tsx --expose-gc scripts/bench/gitlab-pull-bench.ts [items=100000] [changes=8]
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { cpus, loadavg } from 'node:os'
import { createGitLabConnector } from '../../packages/server/src/sources/gitlab/gitlab-connector'
import type { ScopeSpec } from '../../packages/server/src/sources/connector'

const items = Number(process.argv[2] ?? 100_000)
const changes = Number(process.argv[3] ?? 8)
const scope: ScopeSpec = { name: 'pay', kind: 'project', value: 'acme/pay' }

const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--max-old-space-size=4096',
    'scripts/bench/gitlab-fake-process.ts',
    String(items),
    String(changes),
  ],
  { stdio: ['pipe', 'pipe', 'inherit'] },
)
const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
const nextLine = async () => String((await lines.next()).value)
const { url, token } = JSON.parse(await nextLine()) as { url: string; token: string }

const concurrency = Number(process.env.BENCH_GITLAB_CONCURRENCY ?? 4)
const connector = createGitLabConnector({
  sourceName: 'gitlab',
  token,
  config: { url, concurrency },
})
let peakRss = process.memoryUsage().rss
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss))

async function measure<T>(run: () => Promise<T>) {
  const cpu = process.cpuUsage()
  const start = performance.now()
  const result = await run()
  const { user, system } = process.cpuUsage(cpu)
  return { result, ms: performance.now() - start, cpuMs: (user + system) / 1000 }
}

async function pullFrom(sinceMs?: number) {
  let pulled = 0
  let statusChanges = 0
  for await (const page of connector.pull(scope, { sinceMs })) {
    pulled += page.items.length
    for (const item of page.items) statusChanges += item.record.changes.length
    sampleRss()
  }
  return { pulled, statusChanges }
}

const pullStart = Date.now()
const pull = await measure(() => pullFrom())
child.stdin.write('edit 100\n')
const edited = await nextLine()
// the engine asks for the items updated since the last run began, less an overlap
const incremental = await measure(() => pullFrom(pullStart - 60_000))
const census = await measure(async () => {
  let keys = 0
  for await (const page of connector.listKeys(scope)) keys += page.length
  return keys
})
sampleRss()
child.stdin.end()

const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en')
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
)
console.log(
  `full pull: ${pull.result.pulled.toLocaleString('en')} items (${pull.result.statusChanges.toLocaleString('en')} changes, ${changes} label changes each) in ${(pull.ms / 1000).toFixed(1)} s = ${perSecond(pull.result.pulled, pull.ms)} items/s; CPU ${(pull.cpuMs / pull.result.pulled).toFixed(3)} ms per item (connector process)`,
)
console.log(
  `incremental pull after ${edited.replace('edited ', '')} items changed: ${incremental.result.pulled} items in ${(incremental.ms / 1000).toFixed(2)} s`,
)
console.log(
  `key census: ${census.result.toLocaleString('en')} keys in ${(census.ms / 1000).toFixed(2)} s`,
)
console.log(
  `peak RSS of the connector process: ${(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1e6).toFixed(0)} MB`,
)
