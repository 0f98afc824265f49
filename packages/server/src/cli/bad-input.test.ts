import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import { formatHistoryLine, makeWorkItem } from '@openvmo/core'
import { runCli, writeHistoryFixture } from './testing/run-cli'

// Bad files and bad lines as a careless or hostile user gives them: every one is refused with
// exit 2, a message naming the file (and line) and the cause, and never a stack trace.

const GOOD = makeWorkItem({ key: 'PAY-1', created: '2024-03-01T09:00:00Z' })
const goodLine = formatHistoryLine(GOOD)
/** A valid line of `key` with `edit` applied to its text. */
const lineOf = (key: string, edit: (text: string) => string = (t) => t) =>
  edit(formatHistoryLine(makeWorkItem({ key, created: '2024-03-01T09:00:00Z' })))
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`

const DEEP_LINE = lineOf('B-1', (t) => t.replace('{', `{"fields":{"deep":${nested(100_000)}},`))
const NO_SOURCE_LINE = lineOf('B-6', (t) => t.replace('"source":"jira",', ''))

/** The lines `vmo validate` and `vmo import` must refuse, with the reason each must give. */
const BAD_LINES: [line: string, reason: string][] = [
  [DEEP_LINE, '"fields" is nested deeper than 64 levels'],
  [
    lineOf('B-2', (t) => t.replace('2024-03-01T09:00:00Z', '2024-02-30T00:00:00Z')),
    '"created" "2024-02-30T00:00:00Z" is not a valid date and time: day 30 is not in February 2024 (01–29)',
  ],
  [
    lineOf('B-3', (t) => t.replace('"B-3"', '"B-3\\u0000"')),
    '"key" "B-3\\u0000" contains a control character U+0000',
  ],
  [
    lineOf('B-4', (t) => t.replace('"key":"B-4"', '"key":"B-4","key":"B-5"')),
    'duplicate member "key"',
  ],
  [NO_SOURCE_LINE, '"source" is missing'],
]

function expectNoStack(output: string): void {
  expect(output).not.toMatch(/\n\s+at /)
  expect(output).not.toMatch(/RangeError|unexpected error/)
}

describe('vmo validate with bad lines', () => {
  test('reports each bad line with its reason and exits 2', async () => {
    const text = [goodLine, ...BAD_LINES.map(([line]) => line)].join('\n') + '\n'
    const { history } = writeHistoryFixture([], { 'h.ndjson': text })
    const { code, stdout, stderr } = await runCli(['validate', '--input', history])
    expect(code).toBe(2)
    expect(stdout).toContain(`h.ndjson: 1 items, 0 changes, ${BAD_LINES.length} bad lines`)
    BAD_LINES.forEach(([, reason], i) => expect(stdout).toContain(`h.ndjson:${i + 2}: ${reason}`))
    expectNoStack(stdout + stderr)
  })
})

describe('vmo validate with a missing file', () => {
  test('names the path when the mapping file does not exist', async () => {
    const { dir } = writeHistoryFixture([], {})
    const missing = join(dir, 'nope.yaml')
    const { code, stderr } = await runCli(['validate', '--config', missing])
    expect([code, stderr]).toEqual([2, `vmo: "${missing}" does not exist\n`])
  })
})

describe('vmo import with bad files', () => {
  test('refuses a line nested 100,000 levels deep naming file, line and limit', async () => {
    const { db, dir } = writeHistoryFixture([], { 'deep.ndjson': `${DEEP_LINE}\n` })
    const { code, stderr } = await runCli(['import', join(dir, 'deep.ndjson'), '--db', db])
    expect(code).toBe(2)
    expect(stderr).toContain('deep.ndjson:1: "fields" is nested deeper than 64 levels')
    expectNoStack(stderr)
  })

  test('refuses a one-line record without source as a bad ndjson line, not as jira json', async () => {
    const { db, dir } = writeHistoryFixture([], { 'one.json': `${NO_SOURCE_LINE}\n` })
    const { code, stderr } = await runCli(['import', join(dir, 'one.json'), '--db', db])
    expect(code).toBe(2)
    expect(stderr).toContain('one.json: a json object on the first line, read as ndjson history')
    expect(stderr).toContain('one.json:1: "source" is missing')
  })

  test('refuses corrupt gzip data naming the file', async () => {
    const gz = gzipSync(`${goodLine}\n`)
    const { db, dir } = writeHistoryFixture([], {})
    writeFileSync(join(dir, 'bad.ndjson.gz'), gz.subarray(0, gz.length - 12))
    const { code, stderr } = await runCli(['import', join(dir, 'bad.ndjson.gz'), '--db', db])
    expect(code).toBe(2)
    expect(stderr).toContain('bad.ndjson.gz: not a valid gzip file (unexpected end of file)')
    expectNoStack(stderr)
  })

  test('names the path when the file is missing or a folder', async () => {
    const { db, dir } = writeHistoryFixture([], {})
    const missing = join(dir, 'missing.ndjson')
    const folder = join(dir, 'folder')
    mkdirSync(folder)
    const first = await runCli(['import', missing, '--db', db])
    expect([first.code, first.stderr]).toEqual([2, `vmo: "${missing}" does not exist\n`])
    const second = await runCli(['import', folder, '--db', db, '--format', 'ndjson'])
    expect([second.code, second.stderr]).toEqual([2, `vmo: "${folder}" is a folder, not a file\n`])
    const third = await runCli(['import', folder, '--db', db])
    expect(third.code).toBe(2)
    expect(third.stderr).toContain(`"${folder}" is a folder without .json files`)
  })

  test('imports utf-16 text when the file starts with its byte-order mark', async () => {
    const { db, dir } = writeHistoryFixture([], {})
    const path = join(dir, 'utf16.ndjson')
    writeFileSync(path, Buffer.from(`\ufeff${goodLine}\n`, 'utf16le'))
    const { code, stdout, stderr } = await runCli(['import', path, '--db', db])
    expect(stderr).toContain('utf-16le text: a json object on the first line')
    expect([code, stdout]).toEqual([0, expect.stringContaining('imported 1 items')])
  })
})

describe('vmo forecast item', () => {
  test('names the item by key and source when it was created after the as-of time', async () => {
    const late = makeWorkItem({ key: 'EXT-9999', created: '2024-05-01T00:00:00Z' })
    const { history, config } = writeHistoryFixture([GOOD, late])
    const args = ['forecast', 'item', 'EXT-9999', '--input', history, '--config', config]
    const { code, stderr } = await runCli([...args, '--as-of', '2024-04-01'])
    expect(code).toBe(2)
    expect(stderr).toBe(
      'vmo: item "EXT-9999" of source "jira" was created after the as-of time (2024-04-01T00:00:00.000Z): it has no forecast yet\n',
    )
  })
})
