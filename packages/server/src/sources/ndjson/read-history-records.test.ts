import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatHistoryLine, makeWorkItem } from '@openvmo/core'
import { writeTempFiles } from '../../cli/testing/run-cli'
import { readHistoryRecords } from './read-history-records'

function historyFile(items: number, extra = ''): string {
  const lines = Array.from({ length: items }, (_, i) =>
    formatHistoryLine(makeWorkItem({ key: `PAY-${i + 1}`, title: 'x'.repeat(200) })),
  )
  const dir = writeTempFiles({ 'h.ndjson': `${lines.join('\n')}\n${extra}` })
  return join(dir, 'h.ndjson')
}

describe('readHistoryRecords', () => {
  it('yields every record in file order and returns the read result', async () => {
    const reading = readHistoryRecords(historyFile(3, 'not json\n'), { skipBad: true })
    const keys: string[] = []
    let next = await reading.next()
    for (; !next.done; next = await reading.next()) keys.push(next.value.key)
    expect(keys).toEqual(['PAY-1', 'PAY-2', 'PAY-3'])
    expect(next.value).toMatchObject({ items: 3, lines: 4, skipped: [{ line: 4 }] })
  })

  it('pauses reading while the consumer is behind, and stops reading when it stops', async () => {
    const path = historyFile(40_000)
    let bytes = 0
    let total = 0
    const reading = readHistoryRecords(path, {
      onProgress: (read, size) => {
        bytes = read
        total = size
      },
    })
    await reading.next()
    // long enough to read all 10 MB if nothing held the reader back
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(total).toBeGreaterThan(8_000_000)
    expect(bytes).toBeLessThan(total / 2)
    await reading.return(undefined as never)
    const after = bytes
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(bytes).toBe(after)
  })

  it('throws the bad line where the reader would, without skipBad', async () => {
    const keys: string[] = []
    const read = async () => {
      for await (const record of readHistoryRecords(historyFile(2, '{"source":"jira"}\n')))
        keys.push(record.key)
    }
    await expect(read()).rejects.toThrow(/h\.ndjson:3: "key" is missing/)
    expect(keys).toEqual(['PAY-1', 'PAY-2'])
  })
})
