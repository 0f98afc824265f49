import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { formatHistoryLine, makeWorkItem } from '@openvmo/core'
import { runCli, writeHistoryFixture } from './testing/run-cli'

const day = (d: number) => `2024-03-${String(d).padStart(2, '0')}T09:00:00Z`
const records = [
  makeWorkItem({
    key: 'PAY-1',
    title: 'Refund button',
    created: day(1),
    path: [
      [day(4), 'In Progress'],
      [day(7), 'Done'],
    ],
  }),
  makeWorkItem({
    key: 'PAY-2',
    type: 'Bug',
    created: day(1),
    path: [
      [day(5), 'Ready'],
      [day(6), 'In Progress'],
      [day(12), 'Done'],
    ],
  }),
  makeWorkItem({
    source: 'github',
    key: 'acme/pay#7',
    title: 'PAY-1: wire the refund API',
    created: day(3),
    path: [[day(4), 'In Progress']],
  }),
]

const setup = (extra: Record<string, string> = {}) => writeHistoryFixture(records, extra)

describe('vmo import', () => {
  test('imports a history file and a second import changes nothing', async () => {
    const { db, history } = setup()
    const first = await runCli(['import', history, '--db', db])
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/3 new, 0 changed, 0 unchanged/)
    const second = await runCli(['import', history, '--db', db])
    expect(second.stdout).toMatch(/0 new, 0 changed, 3 unchanged/)
  })

  test('rolls back the whole run when one line is bad and reports file, line and reason', async () => {
    const good = records.map(formatHistoryLine).join('\n')
    const { db, dir } = setup({
      'bad.ndjson': `${good}\n{"source":"jira","key":"X-1","created":"2024-03-01 09:00","type":"Story","status":"Backlog"}\n`,
    })
    const result = await runCli(['import', join(dir, 'bad.ndjson'), '--db', db])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/bad\.ndjson:4: .*offset/)
    const after = await runCli(['export', '--out', join(dir, 'out.ndjson'), '--db', db])
    expect(after.stdout).toMatch(/wrote 0 items/)
  })

  test('--skip-bad imports the rest and lists what was skipped', async () => {
    const good = records.map(formatHistoryLine).join('\n')
    const { db, dir } = setup({ 'bad.ndjson': `${good}\nnot json\n` })
    const result = await runCli(['import', join(dir, 'bad.ndjson'), '--db', db, '--skip-bad'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/imported 3 items/)
    expect(result.stderr).toMatch(/skipped: .*bad\.ndjson:4/)
  })

  test('accepts timestamps without an offset only with --timezone', async () => {
    const line =
      '{"source":"jira","key":"X-1","created":"2024-03-01T09:00:00","type":"Story","status":"Backlog"}\n'
    const { db, dir } = setup({ 'local.ndjson': line })
    expect((await runCli(['import', join(dir, 'local.ndjson'), '--db', db])).code).toBe(2)
    const ok = await runCli([
      'import',
      join(dir, 'local.ndjson'),
      '--db',
      db,
      '--timezone',
      'Europe/Berlin',
    ])
    expect(ok.code).toBe(0)
    await runCli(['export', '--out', join(dir, 'out.ndjson'), '--db', db])
    expect(readFileSync(join(dir, 'out.ndjson'), 'utf8')).toContain(
      '"created":"2024-03-01T09:00:00+01:00"',
    )
  })

  test('links a GitHub item that mentions a Jira key to that item', async () => {
    const { db, dir, history } = setup()
    await runCli(['import', history, '--db', db])
    await runCli(['export', '--out', join(dir, 'out.ndjson'), '--db', db])
    const github = readFileSync(join(dir, 'out.ndjson'), 'utf8')
      .split('\n')
      .find((l) => l.includes('acme/pay#7'))
    expect(JSON.parse(github ?? '{}').links).toEqual([{ type: 'mentions', target: 'jira:PAY-1' }])
  })
})

describe('vmo export, metrics from the store, backup', () => {
  test('export writes back what was imported, losslessly', async () => {
    const { db, dir } = setup()
    // without the Jira key in the GitHub title, import adds no link: the export must equal the input
    const noLinks = records.map((r) => ({ ...r, title: r.title?.replace('PAY-1: ', '') }))
    const plain = join(dir, 'plain.ndjson')
    writeFileSync(plain, noLinks.map(formatHistoryLine).join('\n') + '\n')
    await runCli(['import', plain, '--db', db])
    await runCli(['export', '--out', join(dir, 'out.ndjson'), '--db', db])
    const lines = readFileSync(join(dir, 'out.ndjson'), 'utf8').trim().split('\n').sort()
    expect(lines).toEqual(noLinks.map(formatHistoryLine).sort())
  })

  test('metrics from the store equal metrics from the file', async () => {
    const { db, history, config } = setup()
    await runCli(['import', history, '--db', db])
    const args = [
      '--config',
      config,
      '--json',
      '--from',
      '2024-03-01',
      '--to',
      '2024-04-01',
      '--as-of',
      '2024-04-01',
    ]
    const fromFile = await runCli(['metrics', '--input', history, ...args])
    const fromStore = await runCli(['metrics', '--db', db, ...args])
    expect(fromStore.code).toBe(0)
    expect(JSON.parse(fromStore.stdout)).toEqual(JSON.parse(fromFile.stdout))
  })

  test('backup copies the store and restore brings it back', async () => {
    const { db, dir, history } = setup()
    await runCli(['import', history, '--db', db])
    const backup = join(dir, 'backup.db')
    expect((await runCli(['backup', '--out', backup, '--db', db])).code).toBe(0)
    expect(existsSync(backup)).toBe(true)
    const other = join(dir, 'restored.db')
    expect((await runCli(['restore', backup, '--db', other])).code).toBe(0)
    await runCli(['export', '--out', join(dir, 'out.ndjson'), '--db', other])
    expect(readFileSync(join(dir, 'out.ndjson'), 'utf8').trim().split('\n')).toHaveLength(3)
  })

  test('restore refuses to overwrite a store without --force', async () => {
    const { db, dir, history } = setup()
    await runCli(['import', history, '--db', db])
    const backup = join(dir, 'backup.db')
    await runCli(['backup', '--out', backup, '--db', db])
    const result = await runCli(['restore', backup, '--db', db])
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/force/)
  })

  test('backup on PostgreSQL prints pg_dump guidance without the password', async () => {
    const result = await runCli(['backup', '--out', 'x.dump'], {
      DATABASE_URL: 'postgres://app:s3cret@db.example:5432/openvmo',
    })
    expect(result.stdout).toMatch(/pg_dump/)
    expect(result.stdout).not.toContain('s3cret')
  })
})
