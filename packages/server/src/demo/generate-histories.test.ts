import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { parseInstant, type WorkItemRecord } from '@openvmo/core'
import { afterAll, describe, expect, test } from 'vitest'
import { generateHistories } from './generate-histories'
import { writeHistoriesNdjson } from './ndjson-writer'

const OPTIONS = { items: 20_000, seed: 3, startMs: Date.UTC(2023, 0, 1) }
const END_MS = OPTIONS.startMs + 2 * 365 * 86_400_000
const records = [...generateHistories(OPTIONS)]
const dirs: string[] = []

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

function isValid(record: WorkItemRecord): boolean {
  let previous = parseInstant(record.created)
  for (const change of record.changes) {
    const at = parseInstant(change.at)
    if (!(at >= previous) || at > END_MS) return false
    previous = at
  }
  const statuses = record.changes.filter((c) => c.field === 'status')
  return statuses.length === 0 || statuses[statuses.length - 1]?.to === record.status
}

function share(predicate: (record: WorkItemRecord) => boolean): number {
  return records.filter(predicate).length / records.length
}

describe('generateHistories', () => {
  test('exactly the requested number of items with unique keys when asked for N', () => {
    expect(records).toHaveLength(OPTIONS.items)
    expect(new Set(records.map((r) => r.key)).size).toBe(OPTIONS.items)
  })

  test('about ten changes per item on average when generating many items', () => {
    const changes = records.reduce((sum, r) => sum + r.changes.length, 0)
    expect(changes / records.length).toBeGreaterThan(9)
    expect(changes / records.length).toBeLessThan(11)
  })

  test('identical records when the seed is the same and different when it is not', () => {
    const first = [...generateHistories({ ...OPTIONS, items: 500 })]
    expect([...generateHistories({ ...OPTIONS, items: 500 })]).toEqual(first)
    expect([...generateHistories({ ...OPTIONS, items: 500, seed: 4 })]).not.toEqual(first)
  })

  test('valid, sorted histories ending at the status when generated', () => {
    expect(records.filter((r) => !isValid(r)).map((r) => r.key)).toEqual([])
  })

  test('reopens, cancellations, backlog and work in progress when the history ends', () => {
    expect(
      share((r) => r.changes.some((c) => c.field === 'status' && c.from === 'Done')),
    ).toBeGreaterThan(0.03)
    expect(share((r) => r.status === "Won't Do")).toBeGreaterThan(0.05)
    expect(share((r) => r.status === "Won't Do")).toBeLessThan(0.09)
    expect(share((r) => r.status === 'Backlog')).toBeGreaterThan(0.005)
    expect(share((r) => !['Backlog', 'Done', "Won't Do"].includes(r.status))).toBeGreaterThan(0.01)
    expect(share((r) => r.changes.some((c) => c.field === 'type'))).toBeGreaterThan(0.02)
  })
})

describe('writeHistoriesNdjson', () => {
  test('one line per item when writing a plain file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'openvmo-bench-'))
    dirs.push(dir)
    const result = await writeHistoriesNdjson(join(dir, 'h.ndjson'), { ...OPTIONS, items: 1_000 })
    const lines = (await readFile(join(dir, 'h.ndjson'), 'utf8')).trimEnd().split('\n')
    expect(result.lines).toBe(1_000)
    expect(lines).toHaveLength(1_000)
    const [first] = generateHistories({ ...OPTIONS, items: 1_000 })
    expect(JSON.parse(lines[0] as string)).toEqual(first)
  })

  test('the same lines compressed when the path ends in .gz', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'openvmo-bench-'))
    dirs.push(dir)
    const result = await writeHistoriesNdjson(join(dir, 'h.ndjson.gz'), {
      ...OPTIONS,
      items: 1_000,
    })
    const text = gunzipSync(await readFile(join(dir, 'h.ndjson.gz'))).toString('utf8')
    expect(text.split('\n').filter(Boolean)).toHaveLength(1_000)
    expect(Buffer.byteLength(text)).toBe(result.bytes)
  })
})
