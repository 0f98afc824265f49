import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, test } from 'vitest'
import { VmoError } from '@openvmo/core'
import type { WorkItemRecord } from '@openvmo/core'
import { readHistoryFile } from './read-history-file'
import type { ReadHistoryOptions } from './read-history-file'

const folders: string[] = []

/** A fresh folder under the OS temp folder, removed after the file's tests. */
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'openvmo-read-'))
  folders.push(folder)
  return folder
}

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
})

function line(key: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    source: 'jira',
    key,
    type: 'Bug',
    created: '2024-01-01T00:00:00Z',
    status: 'Open',
    ...extra,
  })
}

function tempFile(name: string, content: string | Uint8Array): string {
  const path = join(tempFolder(), name)
  writeFileSync(path, content)
  return path
}

async function readAll(path: string, options?: ReadHistoryOptions) {
  const visited: { key: string; line: number; record: WorkItemRecord }[] = []
  const result = await readHistoryFile(
    path,
    (record, at) => visited.push({ key: record.key, line: at, record }),
    options,
  )
  return { ...result, visited }
}

async function readError(path: string, options?: ReadHistoryOptions): Promise<VmoError> {
  const error = await readAll(path, options).then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(VmoError)
  return error as VmoError
}

describe('readHistoryFile', () => {
  test('visits each record with its line number when the file is valid', async () => {
    const change = { at: '2024-01-02T00:00:00Z', field: 'status', from: 'Open', to: 'Done' }
    const path = tempFile(
      'history.ndjson',
      `${line('A-1')}\n${line('A-2', { status: 'Done', changes: [change] })}\n`,
    )
    const result = await readAll(path)
    expect(result.visited.map(({ key, line }) => [key, line])).toEqual([
      ['A-1', 1],
      ['A-2', 2],
    ])
    expect(result).toMatchObject({ lines: 2, items: 2, changes: 1, skipped: [] })
  })

  test('reads the same records when the file is gzip-compressed', async () => {
    const text = `${line('A-1')}\n${line('A-2')}\n`
    const plain = await readAll(tempFile('history.ndjson', text))
    const gzip = await readAll(tempFile('history.ndjson.gz', gzipSync(text)))
    expect(gzip.visited).toEqual(plain.visited)
  })

  test('recognises gzip by its magic bytes when the extension says plain', async () => {
    const path = tempFile('history.ndjson', gzipSync(`${line('A-1')}\n`))
    expect((await readAll(path)).visited.map((v) => v.key)).toEqual(['A-1'])
  })

  test('reads lines when they end in CRLF', async () => {
    const path = tempFile('history.ndjson', `${line('A-1')}\r\n${line('A-2')}\r\n`)
    const result = await readAll(path)
    expect(result.visited.map((v) => v.key)).toEqual(['A-1', 'A-2'])
  })

  test('ignores a UTF-8 byte order mark when the file starts with one', async () => {
    const path = tempFile('history.ndjson', `\uFEFF${line('A-1')}\n`)
    expect((await readAll(path)).visited.map((v) => v.key)).toEqual(['A-1'])
  })

  test('skips empty and blank lines but counts them when they appear', async () => {
    const path = tempFile('history.ndjson', `\n${line('A-1')}\n  \n\r\n${line('A-2')}\n\n`)
    const result = await readAll(path)
    expect(result.visited.map(({ key, line }) => [key, line])).toEqual([
      ['A-1', 2],
      ['A-2', 5],
    ])
    expect(result.lines).toBe(6)
  })

  test('reports the line number when a line is Latin-1 encoded', async () => {
    const latin1 = Buffer.from(`${line('A-3', { title: 'Größe' })}\n`, 'latin1')
    const utf8 = Buffer.from(`${line('A-1')}\n${line('A-2', { title: 'Größe' })}\n`)
    const path = tempFile(
      'history.ndjson',
      Buffer.concat([utf8, latin1, Buffer.from(`${line('A-4')}\n`)]),
    )
    const error = await readError(path)
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.message).toMatch(/^history\.ndjson:3: the line is not valid utf-8/)
    expect(error.details).toMatchObject({ file: path, line: 3 })
    const skipped = await readAll(path, { skipBad: true })
    expect(skipped.visited.map((v) => v.key)).toEqual(['A-1', 'A-2', 'A-4'])
    expect(skipped.visited[1]?.record.title).toBe('Größe')
    expect(skipped.skipped.map((s) => s.line)).toEqual([3])
  })

  test('reports a truncated last line when the file ends without newline mid-line', async () => {
    const path = tempFile('history.ndjson', `${line('A-1')}\n${line('A-2').slice(0, 30)}`)
    const error = await readError(path)
    expect(error.message).toBe(
      'history.ndjson:2: truncated last line (no newline at end of file and not valid json)',
    )
    expect(error.details).toMatchObject({ line: 2 })
  })

  test('accepts the last line when it is complete but has no newline', async () => {
    const path = tempFile('history.ndjson', `${line('A-1')}\n${line('A-2')}`)
    expect((await readAll(path)).visited.map((v) => v.line)).toEqual([1, 2])
  })

  test('rejects a duplicate key when source and key were seen on an earlier line', async () => {
    const other = line('A-1', { source: 'github' })
    const path = tempFile('history.ndjson', `${line('A-1')}\n${other}\n${line('A-1')}\n`)
    const error = await readError(path)
    expect(error.message).toBe(
      'history.ndjson:3: duplicate key "A-1" of source "jira" (first seen on line 1)',
    )
  })

  test('lists bad lines and reads the rest when skipBad is set', async () => {
    const bad = line('A-2', { created: '2024-01-01 10:00' })
    const path = tempFile(
      'history.ndjson',
      `${line('A-1')}\n${bad}\nnot json\n${line('A-1')}\n${line('A-3')}\n`,
    )
    const result = await readAll(path, { skipBad: true })
    expect(result.visited.map((v) => v.key)).toEqual(['A-1', 'A-3'])
    expect(result.skipped).toEqual([
      { line: 2, reason: expect.stringContaining('has no offset') },
      { line: 3, reason: expect.stringMatching(/^invalid json/) },
      { line: 4, reason: expect.stringContaining('first seen on line 1') },
    ])
    expect(result).toMatchObject({ lines: 5, items: 2 })
  })

  test('throws on the first bad line with its reason when skipBad is not set', async () => {
    const path = tempFile('history.ndjson', `${line('A-1')}\n${line('A-2', { status: '' })}\n`)
    const error = await readError(path)
    expect(error.message).toBe('history.ndjson:2: "status" is empty')
    expect(error.details).toEqual({ file: path, line: 2, reason: '"status" is empty' })
  })

  test('interprets timestamps in the zone when a timezone is given', async () => {
    const path = tempFile('history.ndjson', `${line('A-1', { created: '2024-07-01T08:00:00' })}\n`)
    const result = await readAll(path, { timezone: 'Europe/Berlin' })
    expect(result.visited[0]?.record.created).toBe('2024-07-01T08:00:00+02:00')
  })

  test('reports increasing progress and keeps multibyte text intact when the file spans chunks', async () => {
    const lines = Array.from({ length: 12_000 }, (_, i) =>
      line(`A-${i}`, { title: `Größe ✓ ${'x'.repeat(i % 300)}` }),
    )
    const path = tempFile('history.ndjson.gz', gzipSync(`${lines.join('\n')}\n`, { level: 0 }))
    const progress: [number, number][] = []
    const result = await readAll(path, {
      onProgress: (read, total) => progress.push([read, total]),
    })
    expect(result.items).toBe(12_000)
    expect(result.visited.every((v) => v.record.title?.startsWith('Größe ✓ '))).toBe(true)
    expect(progress.length).toBeGreaterThan(1)
    const reads = progress.map(([read]) => read)
    expect(reads).toEqual([...reads].sort((a, b) => a - b))
    expect(new Set(reads).size).toBe(reads.length)
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1])
  })

  test('throws NOT_FOUND when the file does not exist', async () => {
    const path = join(tempFolder(), 'missing.ndjson')
    expect((await readError(path)).code).toBe('NOT_FOUND')
  })

  test('throws INVALID_INPUT when the gzip data is truncated', async () => {
    const gz = gzipSync(`${line('A-1')}\n${line('A-2')}\n`)
    const path = tempFile('history.ndjson.gz', gz.subarray(0, gz.length - 12))
    const error = await readError(path)
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.message).toBe('history.ndjson.gz: not a valid gzip file (unexpected end of file)')
  })

  test('throws INVALID_INPUT naming the folder when the path is a folder', async () => {
    const folder = tempFolder()
    const error = await readError(folder)
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.message).toBe(`"${folder}" is a folder, not a file`)
  })

  test('reads utf-16 text when the file starts with its byte-order mark, plain or gzip', async () => {
    const title = 'Größe ✓ 😀'
    const text = `${line('A-1', { title })}\n${line('A-2')}\n`
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const be = Buffer.from(le).swap16()
    for (const path of [
      tempFile('le.ndjson', le),
      tempFile('be.ndjson', be),
      tempFile('le.ndjson.gz', gzipSync(le)),
    ]) {
      const result = await readAll(path)
      expect(
        result.visited.map((v) => v.key),
        path,
      ).toEqual(['A-1', 'A-2'])
      expect(result.visited[0]?.record.title).toBe(title)
    }
  })

  test('throws INVALID_INPUT naming the file when utf-16 text is broken', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0x00, 0xd8, 0x41, 0x00])])
    const error = await readError(tempFile('odd.ndjson', bytes))
    expect(error.message).toMatch(/^odd\.ndjson: not valid utf-16le/)
  })

  test('lets an error of the visitor through unchanged when the visitor throws', async () => {
    const path = tempFile('history.ndjson', `${line('A-1')}\n`)
    const failure = new Error('stop')
    await expect(
      readHistoryFile(path, () => {
        throw failure
      }),
    ).rejects.toBe(failure)
  })
})
