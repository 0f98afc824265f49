/**
 * Micro-benchmark of the NDJSON history reader: writes N synthetic items (about 10 changes each,
 * realistic field sizes) to a temp file, then loads it 3 times with `loadFlowDataset` and prints
 * the median lines/s and changes/s (by wall and by process CPU time), the parse-only rate (no
 * dataset), the rate of the reference path (`keepRecords`: every line decoded and parsed into a
 * record, as before the byte scanner) and the peak RSS.
 * Prints figures only, asserts nothing.
 *
 * Usage: npx tsx scripts/bench/parse-bench.ts [items=100000] [--gz]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { WorkItemChange, WorkItemRecord } from '@openvmo/core'
import { loadFlowDataset } from '../../packages/server/src/sources/ndjson/load-flow-dataset'
import { readHistoryFile } from '../../packages/server/src/sources/ndjson/read-history-file'
import { writeHistoryFile } from '../../packages/server/src/sources/ndjson/write-history-file'

const STATUSES = ['Backlog', 'To Do', 'In Progress', 'In Review', 'In QA', 'Done']
const TYPES = ['Story', 'Bug', 'Task', 'Epic', 'Vulnerability', 'Tech Debt']
const TEAMS = ['payments', 'checkout', 'platform', 'mobile', 'search']
const WORDS = 'refund button payment page error timeout user login cart api mobile search'.split(
  ' ',
)
const HOUR_MS = 3_600_000
const RUNS = 3

/** mulberry32: a small seeded generator, so every run benchmarks the same file. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)] as T
}

function iso(ms: number, random: () => number): string {
  const text = new Date(ms).toISOString()
  return random() < 0.2 ? text.replace('Z', '+00:00') : text
}

function changesOf(random: () => number, createdMs: number): WorkItemChange[] {
  const changes: WorkItemChange[] = []
  let at = createdMs
  let status = 0
  for (let i = 0; i < 10; i++) {
    at += Math.floor(random() * 72 * HOUR_MS)
    if (i === 4) changes.push({ at: iso(at, random), field: 'type', from: 'Task', to: 'Story' })
    else if (i === 6)
      changes.push({ at: iso(at, random), field: 'team', from: null, to: 'payments' })
    else {
      const next = Math.min(STATUSES.length - 1, Math.max(0, status + (random() < 0.8 ? 1 : -1)))
      changes.push({
        at: iso(at, random),
        field: 'status',
        from: STATUSES[status] ?? 'Backlog',
        to: STATUSES[next] ?? 'Backlog',
      })
      status = next
    }
  }
  return changes
}

function* syntheticRecords(count: number): Generator<WorkItemRecord> {
  const random = seeded(42)
  const start = Date.UTC(2022, 0, 1)
  for (let i = 0; i < count; i++) {
    const createdMs = start + Math.floor(random() * 700 * 24 * HOUR_MS)
    const changes = changesOf(random, createdMs)
    const status =
      [...changes].reverse().find((change) => change.field === 'status')?.to ?? 'Backlog'
    const title = Array.from({ length: 6 }, () => pick(random, WORDS)).join(' ')
    yield {
      source: 'jira',
      key: `PAY-${i + 1}`,
      id: String(100_000 + i),
      url: `https://jira.example.com/browse/PAY-${i + 1}`,
      project: 'PAY',
      type: pick(random, TYPES),
      title,
      created: iso(createdMs, random),
      status,
      team: pick(random, TEAMS),
      labels: random() < 0.5 ? ['web', pick(random, WORDS)] : [],
      parent: random() < 0.3 ? `PAY-${Math.floor(random() * count) + 1}` : undefined,
      links: random() < 0.2 ? [{ type: 'blocks', target: `PAY-${i + 2}` }] : undefined,
      fields: { priority: pick(random, ['High', 'Medium', 'Low']), components: ['api'] },
      changes,
    } as WorkItemRecord
  }
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN
}

interface Timing {
  wallSeconds: number
  cpuSeconds: number
}

/** Medians of wall time and process CPU time (user + system; CPU time is the fairer figure on a busy machine). */
async function timeRuns(run: () => Promise<unknown>): Promise<Timing> {
  const wall: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < RUNS; i++) {
    ;(globalThis as { gc?: () => void }).gc?.()
    const cpuStart = process.cpuUsage()
    const started = performance.now()
    await run()
    wall.push((performance.now() - started) / 1000)
    const used = process.cpuUsage(cpuStart)
    cpu.push((used.user + used.system) / 1e6)
  }
  return { wallSeconds: median(wall), cpuSeconds: median(cpu) }
}

function report(label: string, timing: Timing, counts: { lines: number; changes: number }): void {
  const rate = (n: number, s: number): string => `${Math.round(n / s).toLocaleString('en')}/s`
  for (const [clock, seconds] of [
    ['wall', timing.wallSeconds],
    ['cpu', timing.cpuSeconds],
  ] as const) {
    console.log(
      `${label.padEnd(13)} ${clock.padEnd(4)} ${seconds.toFixed(3)} s  ` +
        `${rate(counts.lines, seconds)} lines  ${rate(counts.changes, seconds)} changes`,
    )
  }
}

async function main(args: string[]): Promise<void> {
  const count = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 100_000)
  const folder = mkdtempSync(join(tmpdir(), 'openvmo-parse-bench-'))
  const path = join(folder, args.includes('--gz') ? 'history.ndjson.gz' : 'history.ndjson')
  try {
    await writeHistoryFile(path, syntheticRecords(count))
    const sizeMb = statSync(path).size / 1e6
    let lines = 0
    let changes = 0
    const parseOnly = await timeRuns(() => readHistoryFile(path, () => undefined))
    const load = await timeRuns(async () => ({ lines, changes } = await loadFlowDataset(path)))
    const reference = await timeRuns(() => loadFlowDataset(path, { keepRecords: true }))
    const rssMb = process.resourceUsage().maxRSS / 1024
    const counts = { lines, changes }
    console.log(`file          ${path.endsWith('.gz') ? 'gzip' : 'plain'} ${sizeMb.toFixed(1)} MB`)
    console.log(
      `items         ${lines.toLocaleString('en')} lines, ${changes.toLocaleString('en')} changes`,
    )
    report('parse only', parseOnly, counts)
    report('load dataset', load, counts)
    report('via records', reference, counts)
    console.log(`peak rss      ${rssMb.toFixed(0)} MB (medians of ${RUNS} runs)`)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

await main(process.argv.slice(2))
