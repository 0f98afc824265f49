import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, test } from 'vitest'
import { qualify } from '@openvmo/core'
import { loadFlowDataset } from './load-flow-dataset'

const folders: string[] = []

/** A fresh folder under the OS temp folder, removed after the file's tests. */
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'openvmo-load-'))
  folders.push(folder)
  return folder
}

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
})

const HISTORY = [
  {
    source: 'jira',
    key: 'PAY-1',
    type: 'Story',
    created: '2024-03-01T09:12:00Z',
    status: 'Done',
    team: 'payments',
    changes: [
      { at: '2024-03-05T08:00:00Z', field: 'status', from: 'In Progress', to: 'Done' },
      { at: '2024-03-02T10:00:00+01:00', field: 'status', from: 'Backlog', to: 'In Progress' },
    ],
  },
  {
    source: 'github',
    key: 'acme/pay#4',
    type: 'issue',
    created: '2024-03-02T00:00:00Z',
    status: 'open',
  },
]
const TEXT = HISTORY.map((item) => JSON.stringify(item)).join('\n') + '\n'

function tempFile(name: string, content: string | Uint8Array): string {
  const path = join(tempFolder(), name)
  writeFileSync(path, content)
  return path
}

describe('loadFlowDataset', () => {
  test('builds the dataset with sorted events when the history is valid', async () => {
    const { dataset, lines, items, changes, records } = await loadFlowDataset(
      tempFile('h.ndjson', TEXT),
    )
    expect({ lines, items, changes, records }).toEqual({
      lines: 2,
      items: 2,
      changes: 2,
      records: undefined,
    })
    expect(dataset.itemKey).toEqual(['PAY-1', 'acme/pay#4'])
    expect(Array.from(dataset.eventAt)).toEqual([
      Date.parse('2024-03-02T09:00:00Z'),
      Date.parse('2024-03-05T08:00:00Z'),
    ])
    expect(dataset.statuses.valueOf(dataset.initialStatus[0] ?? -1)).toBe(
      qualify('jira', 'Backlog'),
    )
  })

  test('gives the same dataset when the file is gzip-compressed', async () => {
    const plain = await loadFlowDataset(tempFile('h.ndjson', TEXT))
    const gzip = await loadFlowDataset(tempFile('h.ndjson.gz', gzipSync(TEXT)))
    expect(gzip.dataset).toEqual(plain.dataset)
    expect(gzip.dataset.statuses.values).toEqual(plain.dataset.statuses.values)
    expect(gzip.dataset.types.values).toEqual(plain.dataset.types.values)
  })

  test('returns the records too when keepRecords is set', async () => {
    const { records } = await loadFlowDataset(tempFile('h.ndjson', TEXT), { keepRecords: true })
    expect(records?.map((record) => record.key)).toEqual(['PAY-1', 'acme/pay#4'])
    expect(records?.[0]?.changes[0]?.to).toBe('In Progress')
  })

  test('leaves skipped lines out of the dataset when skipBad is set', async () => {
    const path = tempFile('h.ndjson', `${TEXT}{"source":"jira"}\n`)
    const { dataset, skipped } = await loadFlowDataset(path, { skipBad: true })
    expect(dataset.itemCount).toBe(2)
    expect(skipped).toEqual([{ line: 3, reason: '"key" is missing' }])
  })
})
