import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { writeTempFiles } from '../../cli/testing/run-cli'
import { scanHistoryKeys } from './scan-history-keys'

describe('scanHistoryKeys', () => {
  const lines = [
    '\uFEFF{"source":"jira","key":"PAY-1","type":"Story"}',
    '{"key":"PAY-2","fields":{"key":"NOT-THIS"},"source":"jira"}',
    '{"source":"git\\"hub","key":"acme/pay#4"}',
    'not json',
    '{"source":"jira"}',
    '',
    '{"source":"github","key":"acme/pay#5"}',
  ]
  const expected = [
    { source: 'jira', key: 'PAY-1' },
    { source: 'jira', key: 'PAY-2' },
    { source: 'git"hub', key: 'acme/pay#4' },
    { source: 'github', key: 'acme/pay#5' },
  ]

  it('lists the source and key of every good line, canonical or not, with or without newline at end', async () => {
    const dir = writeTempFiles({
      'a.ndjson': lines.join('\n'),
      'b.ndjson': `${lines.join('\r\n')}\n`,
    })
    expect(await scanHistoryKeys(join(dir, 'a.ndjson'))).toEqual(expected)
    expect(await scanHistoryKeys(join(dir, 'b.ndjson'))).toEqual(expected)
  })

  it('throws naming the file when the gzip data is corrupt', async () => {
    const path = join(writeTempFiles({}), 'd.ndjson.gz')
    const gz = gzipSync(lines.join('\n'))
    writeFileSync(path, gz.subarray(0, gz.length - 12))
    await expect(scanHistoryKeys(path)).rejects.toThrow(
      'd.ndjson.gz: not a valid gzip file (unexpected end of file)',
    )
  })

  it('reads utf-16 files', async () => {
    const path = join(writeTempFiles({}), 'e.ndjson')
    writeFileSync(path, Buffer.from(`\ufeff${lines.join('\n')}`, 'utf16le'))
    expect(await scanHistoryKeys(path)).toEqual(expected)
  })

  it('reads gzip files', async () => {
    const path = join(writeTempFiles({}), 'c.ndjson.gz')
    writeFileSync(path, gzipSync(lines.join('\n')))
    expect(await scanHistoryKeys(path)).toEqual(expected)
  })
})
