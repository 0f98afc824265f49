import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import type { WorkItemRecord } from '@openvmo/core'
import { readHistoryFile } from './read-history-file'
import { writeHistoryFile } from './write-history-file'

const folders: string[] = []

/** A fresh folder under the OS temp folder, removed after the file's tests. */
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'openvmo-write-'))
  folders.push(folder)
  return folder
}

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
})

const RECORDS: WorkItemRecord[] = [
  {
    source: 'jira',
    key: 'A-1',
    type: 'Bug',
    title: 'Größe "quoted"',
    created: '2015-04-24T12:04:05.000+0000',
    status: 'Closed',
    fields: { priority: 'High' },
    changes: [{ at: '2015-05-01T00:00:00.000+0000', field: 'status', from: 'Open', to: 'Closed' }],
  },
  {
    source: 'jira',
    key: 'A-2',
    type: 'Bug',
    created: '2015-04-25T00:00:00Z',
    status: 'Open',
    changes: [],
  },
]

async function readBack(path: string): Promise<WorkItemRecord[]> {
  const records: WorkItemRecord[] = []
  await readHistoryFile(path, (record) => records.push(record))
  return records
}

async function* failingAfterOne(): AsyncGenerator<WorkItemRecord> {
  yield* RECORDS.slice(0, 1)
  throw new Error('source failed')
}

describe('writeHistoryFile', () => {
  test('writes lines the reader gives back when the file is plain', async () => {
    const path = join(tempFolder(), 'history.ndjson')
    expect(await writeHistoryFile(path, RECORDS)).toMatchObject({ records: 2 })
    expect(await readBack(path)).toEqual(RECORDS)
    expect(readFileSync(path, 'utf8').endsWith('}\n')).toBe(true)
  })

  test('compresses with gzip when the path ends in .gz', async () => {
    const path = join(tempFolder(), 'history.ndjson.gz')
    const { bytes } = await writeHistoryFile(
      path,
      (async function* () {
        yield* RECORDS
      })(),
    )
    const content = readFileSync(path)
    expect([content[0], content[1]]).toEqual([0x1f, 0x8b])
    expect(bytes).toBe(content.length)
    expect(await readBack(path)).toEqual(RECORDS)
  })

  test('writes an empty file when there are no records', async () => {
    const path = join(tempFolder(), 'history.ndjson')
    await writeHistoryFile(path, [])
    expect(readFileSync(path, 'utf8')).toBe('')
  })

  test('replaces an existing file when the write completes', async () => {
    const folder = tempFolder()
    const path = join(folder, 'history.ndjson')
    writeFileSync(path, 'old\n')
    await writeHistoryFile(path, RECORDS.slice(1))
    expect(await readBack(path)).toEqual(RECORDS.slice(1))
    expect(readdirSync(folder)).toEqual(['history.ndjson'])
  })

  test('leaves the old file and no temp file behind when the records fail mid-way', async () => {
    const folder = tempFolder()
    const path = join(folder, 'history.ndjson.gz')
    writeFileSync(path, 'old\n')
    await expect(writeHistoryFile(path, failingAfterOne())).rejects.toThrow('source failed')
    expect(readFileSync(path, 'utf8')).toBe('old\n')
    expect(readdirSync(folder)).toEqual(['history.ndjson.gz'])
  })
})
