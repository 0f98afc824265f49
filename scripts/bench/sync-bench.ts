// Sync benchmark (issue 8's speed targets): a fake Jira Cloud and a fake GitHub, each in its own
// process answering at once, hold N items with 10 changes each; `syncSource` pulls them through
// the real connector into a fresh SQLite store (full sync), then 100 items change at the fake and
// an incremental sync brings them. Prints items/s, CPU ms per item of this process (connector,
// engine, store), peak RSS, and the incremental run's time, with the load average.
// Usage: node --import tsx scripts/bench/sync-bench.ts [items=100000] [jira,github]
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { createGitHubConnector } from '../../packages/server/src/sources/github/github-connector'
import { createJiraConnector } from '../../packages/server/src/sources/jira/jira-connector'
import type { Connector } from '../../packages/server/src/sources/connector'
import { openStore } from '../../packages/server/src/store/open-store'
import type { SourceDefinition } from '../../packages/server/src/store/store-types'
import { syncSource } from '../../packages/server/src/sync/sync-engine'

type Kind = 'jira' | 'github'
interface Fake {
  address: { url: string; token: string; email?: string }
  edit(count: number): Promise<void>
  stop(): void
}

function startFake(kind: Kind, items: number): Promise<Fake> {
  const script = kind === 'jira' ? 'jira-fake-process.ts' : 'github-fake-process.ts'
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, script), String(items), '10'],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  )
  const lines = createInterface({ input: child.stdout })
  const waiting: ((line: string) => void)[] = []
  lines.on('line', (line) => waiting.shift()?.(line))
  const next = () => new Promise<string>((resolve) => waiting.push(resolve))
  return next().then((first) => ({
    address: JSON.parse(first) as Fake['address'],
    edit: async (count) => {
      const answer = next()
      child.stdin.write(`edit ${count}\n`)
      await answer
    },
    stop: () => child.stdin.end(),
  }))
}

function connectorFor(
  kind: Kind,
  fake: Fake['address'],
): { connector: Connector; source: SourceDefinition } {
  if (kind === 'jira') {
    const config = {
      url: fake.url,
      deployment: 'cloud' as const,
      email: fake.email ?? '',
      pageSize: 100,
    }
    return {
      connector: createJiraConnector({ sourceName: 'bench', config, token: fake.token }),
      source: {
        name: 'bench',
        kind,
        config,
        scopes: [{ name: 'PAY', kind: 'project', value: 'PAY' }],
      },
    }
  }
  const config = { apiUrl: fake.url, concurrency: 10 }
  return {
    connector: createGitHubConnector({ sourceName: 'bench', config, token: fake.token }),
    source: {
      name: 'bench',
      kind,
      config,
      scopes: [{ name: 'acme/pay', kind: 'repo', value: 'acme/pay' }],
    },
  }
}

async function measure(run: () => Promise<unknown>) {
  let peakRss = process.memoryUsage().rss
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100)
  const cpu = process.cpuUsage()
  const started = performance.now()
  await run()
  clearInterval(timer)
  const used = process.cpuUsage(cpu)
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000, peakRss }
}

async function bench(kind: Kind, items: number) {
  const fake = await startFake(kind, items)
  const dir = mkdtempSync(join(tmpdir(), 'openvmo-sync-bench-'))
  const store = await openStore({ db: join(dir, 'sync.db') })
  try {
    const { connector, source } = connectorFor(kind, fake.address)
    await store.saveSource(source)
    const sync = () => syncSource({ store, source, connector, owner: 'bench', clock: Date.now })
    const full = await measure(sync)
    const stored = (await store.countItems()).items
    await fake.edit(100)
    let changed = 0
    const incremental = await measure(async () => {
      const report = await sync()
      changed = report.scopes.reduce((n, s) => n + s.updated, 0)
      if (process.env.BENCH_SYNC_DEBUG) console.error(JSON.stringify(report.scopes))
    })
    const cells = [
      kind.padEnd(6),
      stored.toLocaleString('en').padStart(8),
      `${(full.wallMs / 1000).toFixed(1)} s`.padStart(8),
      Math.round(stored / (full.wallMs / 1000))
        .toLocaleString('en')
        .padStart(8),
      (full.cpuMs / stored).toFixed(2).padStart(11),
      `${Math.round(full.peakRss / 1048576)} MB`.padStart(8),
      `${changed} in ${(incremental.wallMs / 1000).toFixed(2)} s`.padStart(16),
    ]
    console.log(cells.join(' │ '))
  } finally {
    await store.close()
    fake.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

const items = Number(process.argv[2] ?? 100_000)
const kinds = (process.argv[3] ?? 'jira,github').split(',') as Kind[]
console.log(
  `sync of ${items.toLocaleString('en')} items × 10 changes into SQLite, fakes in child processes; machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
)
console.log('source │   items │    full │ items/s │ cpu ms/item │ peak RSS │ incremental (100)')
for (const kind of kinds) await bench(kind, items)
