// The SQLite stores the API benchmarks serve: generated histories of N items with a two-stream
// mapping, or the Acme demo organisation; built once and kept in .bench/ (seeded: the same files
// every time).
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { MS_PER_DAY } from '@openvmo/core'
import { loadDemoIntoStore } from '../../packages/server/src/cli/commands/demo-command'
import { createProcessIo } from '../../packages/server/src/cli/cli-io'
import { BENCH_PROJECTS } from '../../packages/server/src/demo/bench-tables'
import { generateDemoOrganisation } from '../../packages/server/src/demo/generate-demo-organisation'
import { generateHistories } from '../../packages/server/src/demo/generate-histories'
import { openStore } from '../../packages/server/src/store/open-store'
import type { Store } from '../../packages/server/src/store/store'

const DIR = '.bench'

/** The generated histories' first day, length and "now" (their end). */
export const HISTORY_START_MS = Date.UTC(2023, 0, 2)
export const HISTORY_YEARS = 2
export const HISTORY_NOW_MS = HISTORY_START_MS + HISTORY_YEARS * 365 * MS_PER_DAY

/** The demo organisation's "now" in the benchmarks (fixed, so the store is the same every time). */
export const DEMO_NOW_MS = Date.parse('2025-06-02T10:00:00Z')

/** The mapping of the generated histories: two value streams by project. */
export const HISTORY_MAPPING = `timezone: UTC
flowItems:
  feature: [Story]
  defect: [Bug]
  risk: [Vulnerability]
  debt: [Tech Debt]
  supporting: [Task]
  ignored: [Spike]
states:
  new: [Backlog]
  waiting: [Ready for Development, Code Review Queue, Awaiting QA, Waiting for Release, Blocked]
  active: [In Progress, In Review, In QA]
  done: [Done]
  canceled: ["Won't Do"]
valueStreams:
  - name: Payments
    match: { project: [${BENCH_PROJECTS.slice(0, 3).join(', ')}] }
  - name: Mobile
    match: { project: [${BENCH_PROJECTS.slice(3, 5).join(', ')}] }
`

/** Fills `store` with `items` generated histories (seed 7) and {@link HISTORY_MAPPING}. */
export async function fillWithHistories(store: Store, items: number): Promise<void> {
  const records = generateHistories({
    items,
    seed: 7,
    startMs: HISTORY_START_MS,
    years: HISTORY_YEARS,
  })
  await store.importRecords(records)
  await store.saveMappingVersion(HISTORY_MAPPING)
}

/** A store the benchmarks serve: `demo` or a number of generated items. */
export interface BenchStore {
  /** The SQLite file. */
  path: string
  /** The organisation's "now" (epoch ms). */
  nowMs: number
  label: string
}

/**
 * The kept SQLite file of `kind` (`demo` or a number of items), built on first use: into a
 * temporary name first, so an interrupted build is never taken for a finished one.
 */
export async function benchStore(kind: string): Promise<BenchStore> {
  const demo = kind === 'demo'
  const path = join(DIR, `api-${kind}.db`)
  const bench = demo
    ? { path, nowMs: DEMO_NOW_MS, label: 'the demo organisation' }
    : { path, nowMs: HISTORY_NOW_MS, label: `${Number(kind).toLocaleString('en')} items` }
  if (existsSync(path)) return bench
  mkdirSync(DIR, { recursive: true })
  const building = `${path}.building`
  rmSync(building, { force: true })
  process.stderr.write(`building ${path} (${bench.label}) …\n`)
  const store = await openStore({ db: building })
  try {
    if (demo) {
      const org = generateDemoOrganisation({ seed: 42, asOfMs: DEMO_NOW_MS })
      await loadDemoIntoStore(store, org, { ...createProcessIo(), isTty: false })
    } else await fillWithHistories(store, Number(kind))
  } finally {
    await store.close()
  }
  renameSync(building, path)
  return bench
}
