// Store benchmark: import N synthetic items (~10 changes each) into SQLite and PostgreSQL, then
// load the flow dataset back. Prints figures only (no assertions).
// Usage: node --import tsx scripts/bench/store-bench.ts [items=100000] [sqlite,postgres]
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { WorkItemRecord } from '@openvmo/core'
import type { KyselyStore } from '../../packages/server/src/store/kysely-store'
import { createPostgresStore } from '../../packages/server/src/store/postgres/create-postgres-store'
import { createSqliteStore } from '../../packages/server/src/store/sqlite/create-sqlite-store'

const STATUSES = ['Backlog', 'To Do', 'In Progress', 'In Review', 'In QA', 'Done']
const DAY = 86_400_000

/** Synthetic records: 10 changes each (8 status, 1 type, 1 assignee), deterministic. */
function* syntheticRecords(count: number): Iterable<WorkItemRecord> {
  const start = Date.UTC(2023, 0, 1)
  for (let i = 0; i < count; i++) {
    const created = start + (i % 500) * DAY + (i % 1440) * 60_000
    const changes = []
    let at = created
    for (let c = 0; c < 8; c++) {
      at += ((i * 7 + c * 13) % 72) * 3_600_000 + 60_000
      const from = STATUSES[c % 5] ?? 'Backlog'
      const to = c === 7 ? 'Done' : (STATUSES[(c + 1) % 5] ?? 'To Do')
      changes.push({ at: new Date(at).toISOString(), field: 'status', from, to })
    }
    changes.push({
      at: new Date(created + 3_600_000).toISOString(),
      field: 'type',
      from: 'Bug',
      to: 'Story',
    })
    changes.push({
      at: new Date(created + 7_200_000).toISOString(),
      field: 'assignee',
      from: null,
      to: `dev${i % 40}`,
    })
    yield {
      source: i % 10 === 0 ? 'github' : 'jira',
      key: `ITEM-${i}`,
      project: `P${i % 20}`,
      type: 'Story',
      title: `Synthetic item ${i}`,
      created: new Date(created).toISOString(),
      status: 'Done',
      team: `team-${i % 12}`,
      labels: i % 4 === 0 ? ['web'] : undefined,
      changes,
    }
  }
}

async function measure(name: string, store: KyselyStore, items: number): Promise<void> {
  let started = performance.now()
  const result = await store.importRecords(syntheticRecords(items))
  const importSeconds = (performance.now() - started) / 1000
  started = performance.now()
  const again = await store.importRecords(syntheticRecords(items))
  const reimportSeconds = (performance.now() - started) / 1000
  started = performance.now()
  const dataset = await store.loadFlowDataset()
  const loadSeconds = (performance.now() - started) / 1000
  const rate = Math.round(result.changes / importSeconds)
  console.log(
    `${name.padEnd(8)} import ${items} items / ${result.changes} changes: ${importSeconds.toFixed(2)} s = ${rate} changes/s; ` +
      `re-import (all unchanged=${again.unchanged === items}): ${reimportSeconds.toFixed(2)} s; ` +
      `loadFlowDataset (${dataset.itemCount} items, ${dataset.eventAt.length} events): ${loadSeconds.toFixed(2)} s`,
  )
}

async function benchSqlite(items: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'openvmo-bench-'))
  const store = await createSqliteStore({ path: join(dir, 'bench.db') })
  try {
    await measure('sqlite', store, items)
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function benchPostgres(items: number): Promise<void> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const schema = `bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  const store = await createPostgresStore({ url, schema })
  try {
    await measure('postgres', store, items)
  } finally {
    await store.close()
    await admin.query(`drop schema ${schema} cascade`)
    await admin.end()
  }
}

/** Time spent producing the input alone, so the store's share of the import time is visible. */
function benchGenerator(items: number): void {
  const started = performance.now()
  let changes = 0
  for (const record of syntheticRecords(items)) changes += record.changes.length
  const seconds = (performance.now() - started) / 1000
  console.log(
    `input    generating ${items} items / ${changes} changes alone: ${seconds.toFixed(2)} s`,
  )
}

const items = Number(process.argv[2] ?? 100_000)
benchGenerator(items)
const variants = (process.argv[3] ?? 'sqlite,postgres').split(',')
if (variants.includes('sqlite')) await benchSqlite(items)
if (variants.includes('postgres')) await benchPostgres(items)
console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`)
