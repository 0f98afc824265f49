// Store benchmark: imports a seeded NDJSON history (cached in .bench/, ~10 changes per item) into
// SQLite and PostgreSQL, then loads the flow dataset back; several runs, medians printed with the
// machine's load average. Prints figures only (no assertions).
// Usage: node --import tsx scripts/bench/store-bench.ts [items=100000] [sqlite,postgres] [runs=3]
import { createReadStream, existsSync, mkdirSync, rmSync, mkdtempSync } from 'node:fs'
import { loadavg, cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { parseHistoryLine } from '@openvmo/core'
import type { WorkItemRecord } from '@openvmo/core'
import { writeHistoriesNdjson } from '../../packages/server/src/demo/ndjson-writer'
import type { KyselyStore } from '../../packages/server/src/store/kysely-store'
import { createPostgresStore } from '../../packages/server/src/store/postgres/create-postgres-store'
import { createSqliteStore } from '../../packages/server/src/store/sqlite/create-sqlite-store'

const DIR = '.bench'
const URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

async function historyFile(items: number): Promise<string> {
  const path = join(DIR, `history-${items}.ndjson`)
  if (!existsSync(path)) {
    mkdirSync(DIR, { recursive: true })
    process.stderr.write(`generating ${items} items into ${path} …\n`)
    const startMs = Date.parse('2023-01-01T00:00:00Z')
    await writeHistoriesNdjson(path, { items, seed: 42, startMs, years: 2 })
  }
  return path
}

/** The file's records one by one, read only as fast as the import takes them. */
async function* readRecords(path: string): AsyncIterable<WorkItemRecord> {
  let rest = ''
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const lines = (rest + (chunk as string)).split('\n')
    rest = lines.pop() ?? ''
    for (const line of lines) {
      if (line.length === 0) continue
      const parsed = parseHistoryLine(line)
      if (!parsed.ok) throw new Error(parsed.reason)
      yield parsed.record
    }
  }
  if (rest.length > 0) {
    const parsed = parseHistoryLine(rest)
    if (parsed.ok) yield parsed.record
  }
}

interface Run {
  changesPerSecond: number
  importSeconds: number
  loadSeconds: number
  /** CPU seconds of this process while loading (robust to other processes' load). */
  loadCpuSeconds: number
  importCpuSeconds: number
  /** Storing a finding for every item (the worst case of the end of an import or sync). */
  findingsSeconds: number
  changes: number
  events: number
  load: number
}

const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6

async function runOnce(store: KyselyStore, path: string): Promise<Run> {
  const load = loadavg()[0] ?? 0
  let started = performance.now()
  let cpu = process.cpuUsage()
  const result = await store.importRecords(readRecords(path))
  const importSeconds = (performance.now() - started) / 1000
  const importCpuSeconds = cpuSeconds(process.cpuUsage(cpu))
  started = performance.now()
  cpu = process.cpuUsage()
  const dataset = await store.loadFlowDataset()
  const loadSeconds = (performance.now() - started) / 1000
  const loadCpuSeconds = cpuSeconds(process.cpuUsage(cpu))
  const findings = dataset.itemKey.map((key, i) => ({
    source: dataset.sources.valueOf(dataset.itemSource[i] ?? 0),
    key,
    flags: ['done_without_start'],
  }))
  started = performance.now()
  await store.replaceItemFindings(findings, {
    computedAt: new Date().toISOString(),
    asOf: new Date().toISOString(),
    mappingVersion: 1,
    dataVersion: 1,
    itemsChecked: findings.length,
    by: 'bench',
  })
  const findingsSeconds = (performance.now() - started) / 1000
  return {
    changesPerSecond: result.changes / importSeconds,
    importSeconds,
    loadSeconds,
    loadCpuSeconds,
    importCpuSeconds,
    findingsSeconds,
    changes: result.changes,
    events: dataset.eventAt.length,
    load,
  }
}

async function withSqlite(fn: (store: KyselyStore) => Promise<Run>): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'openvmo-bench-'))
  const store = await createSqliteStore({ path: join(dir, 'bench.db') })
  try {
    return await fn(store)
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function withPostgres(fn: (s: KyselyStore) => Promise<Run>) {
  const schema = `bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: URL })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  const store = await createPostgresStore({ url: URL, schema })
  try {
    return await fn(store)
  } finally {
    await store.close()
    await admin.query(`drop schema ${schema} cascade`)
    await admin.end()
  }
}

async function timeParseOnly(path: string): Promise<number> {
  const started = performance.now()
  let changes = 0
  for await (const record of readRecords(path)) changes += record.changes.length
  return changes / ((performance.now() - started) / 1000)
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN
const list = (values: number[], digits: number) => values.map((v) => v.toFixed(digits)).join(' ')

const items = Number(process.argv[2] ?? 100_000)
const variants = (process.argv[3] ?? 'sqlite,postgres').split(',')
const runs = Number(process.argv[4] ?? 3)
const path = await historyFile(items)
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`
console.log(`machine: ${machine}, load average ${list(loadavg(), 2)}`)
console.log(`input    ${path}: parsing alone ${Math.round(await timeParseOnly(path))} changes/s`)
for (const variant of variants) {
  const results: Run[] = []
  for (let r = 0; r < runs; r++) {
    const once = (store: KyselyStore) => runOnce(store, path)
    results.push(variant === 'sqlite' ? await withSqlite(once) : await withPostgres(once))
  }
  const first = results[0]
  console.log(
    `${variant.padEnd(13)} ${items} items / ${first?.changes} changes, ${first?.events} events; ` +
      `import median ${Math.round(median(results.map((r) => r.changesPerSecond)))} changes/s ` +
      `(${list(
        results.map((r) => r.changesPerSecond / 1000),
        0,
      )} k/s); loadFlowDataset median ${median(results.map((r) => r.loadSeconds)).toFixed(2)} s ` +
      `(${list(
        results.map((r) => r.loadSeconds),
        2,
      )}); node CPU s: import ${list(
        results.map((r) => r.importCpuSeconds),
        1,
      )}, load ${list(
        results.map((r) => r.loadCpuSeconds),
        2,
      )}; storing a finding per item median ${median(results.map((r) => r.findingsSeconds)).toFixed(
        2,
      )} s; load avg at runs ${list(
        results.map((r) => r.load),
        1,
      )}`,
  )
}
console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`)
