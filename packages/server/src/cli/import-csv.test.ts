import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { serializeMappingYaml, TEST_MAPPING } from '@openvmo/core'
import { createApp } from '../api/create-app'
import { openStore } from '../store/open-store'
import { runCli, writeTempFiles } from './testing/run-cli'

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../test/fixtures/import/${name}`, import.meta.url))

const DOCS = fileURLToPath(new URL('../../../../docs/importing.md', import.meta.url))

function setup(files: Record<string, string> = {}) {
  const dir = writeTempFiles({ 'openvmo.yaml': serializeMappingYaml(TEST_MAPPING), ...files })
  return { dir, db: join(dir, 'openvmo.db'), config: join(dir, 'openvmo.yaml') }
}

async function weeklyMetrics(db: string, config: string) {
  const args = ['--db', db, '--config', config, '--period', 'week', '--json']
  const range = ['--from', '2024-01-01', '--to', '2024-01-22', '--as-of', '2024-02-01']
  const { code, stdout, stderr } = await runCli(['metrics', ...args, ...range])
  expect(stderr).toBe('')
  expect(code).toBe(0)
  return JSON.parse(stdout) as {
    periods: { start: string; velocity: { total: number } }[]
    total: { leadTime: { count: number; p50: number; max: number } }
  }
}

describe('vmo import of a generic csv', () => {
  test('a closed_at column ends each item there: lead time and the week of completion are its', async () => {
    const { db, config, dir } = setup()
    const file = join(dir, 'items.csv')
    copyFileSync(fixture('generic-finished.csv'), file)
    const imported = await runCli(['import', file, '--db', db])
    expect(imported.code).toBe(0)
    expect(imported.stderr).toContain('column "closed_at" read as resolved')
    const report = await weeklyMetrics(db, config)
    // A-1 10 days, A-2 7 days, A-3 14 days; finished in the weeks of Jan 8 and Jan 15
    expect(report.total.leadTime).toMatchObject({ count: 3, p50: 10, max: 14 })
    expect(report.periods.map((p) => p.velocity.total)).toEqual([0, 2, 1])
    expect(existsSync(db)).toBe(true)
  })
})

describe('vmo import of dates without a time', () => {
  const csv = 'source,key,type,status,created,resolved\ncsv,D-1,Story,Done,2024-01-02,2024-01-05\n'

  test('with --timezone a date is the start of that day there, and the summary says so', async () => {
    const { db, dir } = setup({ 'dates.csv': csv })
    const imported = await runCli([
      'import',
      join(dir, 'dates.csv'),
      '--db',
      db,
      '--timezone',
      'Europe/Berlin',
    ])
    expect(imported.code).toBe(0)
    expect(imported.stdout).toContain('a date without a time is the start of that day there')
    await runCli(['export', '--out', join(dir, 'out.ndjson'), '--db', db])
    const record = JSON.parse(readFileSync(join(dir, 'out.ndjson'), 'utf8'))
    expect(record.created).toBe('2024-01-02T00:00:00+01:00')
    expect(record.changes).toEqual([
      { at: '2024-01-05T00:00:00+01:00', field: 'status', from: 'Open', to: 'Done' },
    ])
  })

  test('without --timezone the error says to add it', async () => {
    const { db, dir } = setup({ 'dates.csv': csv })
    const result = await runCli(['import', join(dir, 'dates.csv'), '--db', db])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('"2024-01-02" is a date without a time: add --timezone')
  })
})

describe('vmo import with a column mapping', () => {
  const columns = 'key=issue_key,created=created_at'

  test('--dry-run shows what each column became, exactly as docs/importing.md shows it, and writes nothing', async () => {
    const { dir, db } = setup()
    copyFileSync(fixture('other-names.csv'), join(dir, 'issues.csv'))
    const cwd = process.cwd()
    process.chdir(dir)
    try {
      const args = ['issues.csv', '--dry-run', '--source', 'jira', '--columns', columns]
      const { code, stdout } = await runCli(['import', ...args])
      expect(code).toBe(0)
      const docs = readFileSync(DOCS, 'utf8')
      const block = docs.split(`$ vmo import ${args.join(' ')}\n`)[1]?.split('```')[0]
      expect(stdout).toBe(block)
    } finally {
      process.chdir(cwd)
    }
    expect(existsSync(db)).toBe(false)
  })

  test('imports through --columns and through the import section of openvmo.yaml alike', async () => {
    const section = `import:\n  source: jira\n  columns:\n    key: issue_key\n    created: created_at\n`
    const { dir, db } = setup({ 'import.yaml': section })
    const file = fixture('other-names.csv')
    const flags = await runCli([
      'import',
      file,
      '--db',
      db,
      '--source',
      'jira',
      '--columns',
      columns,
    ])
    expect(flags.stdout).toMatch(/imported 3 items .*3 new/)
    const config = join(dir, 'import.yaml')
    const fromYaml = await runCli(['import', file, '--db', db, '--config', config])
    expect(fromYaml.stderr).toContain('a csv header with "issue_key" and "created_at"')
    expect(fromYaml.stdout).toMatch(/imported 3 items .*3 unchanged/)
  })

  test('refuses a bad import section naming the file and key, and a mapped column that is not there', async () => {
    const { dir, db } = setup({ 'bad.yaml': 'import:\n  columns:\n    kee: issue_key\n' })
    const bad = await runCli([
      'import',
      fixture('other-names.csv'),
      '--db',
      db,
      '--config',
      join(dir, 'bad.yaml'),
    ])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('bad.yaml: import.columns has a key that is not a column role')
    expect(bad.stderr).toContain('"kee"')
    const missing = await runCli([
      'import',
      fixture('other-names.csv'),
      '--db',
      db,
      '--source',
      'x',
      '--columns',
      'key=issue_key,created=opened',
    ])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('not a format openvmo reads')
    const forced = await runCli([
      'import',
      fixture('other-names.csv'),
      '--db',
      db,
      '--format',
      'generic_csv',
      '--columns',
      'key=issue_key,created=opened',
    ])
    expect(forced.stderr).toContain(
      'the column mapping reads created from "opened", which is not a column',
    )
    expect(existsSync(db)).toBe(false)
  })
})

describe('the data-quality summary of an import', () => {
  const header = 'source,key,type,status,created,resolved\n'
  const rows = [
    'csv,Q-0,Story,Backlog,2024-01-01T09:00:00Z,',
    // resolved the day before it was created
    'csv,Q-1,Story,Done,2024-01-10T09:00:00Z,2024-01-09T09:00:00Z',
    // closed without a resolution date
    'csv,Q-2,Story,Done,2024-01-03T09:00:00Z,',
    // a normal pace, then 12 items closed within two minutes
    ...Array.from(
      { length: 20 },
      (_, k) =>
        `csv,N-${k},Story,Done,2024-01-01T09:00:00Z,2024-01-${String(2 + k).padStart(2, '0')}T10:00:00Z`,
    ),
    ...Array.from(
      { length: 12 },
      (_, k) =>
        `csv,B-${k},Story,Done,2024-01-01T09:00:00Z,2024-01-25T10:00:${String(k * 5).padStart(2, '0')}Z`,
    ),
  ]

  test('counts each finding with examples and its effect, and vmo validate --db lists the items', async () => {
    const { dir, db, config } = setup({ 'q.csv': `${header}${rows.join('\n')}\n` })
    const first = await runCli(['import', join(dir, 'q.csv'), '--db', db])
    expect(first.stdout).toContain('data quality: save a mapping')
    expect((await runCli(['map', 'save', config, '--db', db])).code).toBe(0)
    const quiet = await runCli(['import', join(dir, 'q.csv'), '--db', db, '--no-quality'])
    expect(quiet.stdout).not.toContain('data quality')
    const again = await runCli(['import', join(dir, 'q.csv'), '--db', db])
    expect(again.code).toBe(0)
    expect(again.stdout).toContain(
      '  resolved_before_created: 1 items (e.g. csv:Q-1): resolved is before created; resolved is ignored',
    )
    expect(again.stdout).toMatch(
      / {2}closed_without_resolution: 2 items \(e\.g\. csv:Q-1, csv:Q-2\): done or canceled .*: lead time 0/,
    )
    expect(again.stdout).toMatch(
      / {2}bulk_close: 12 items \(e\.g\. csv:B-0, csv:B-1, csv:B-2, …\): completed in a bulk close/,
    )
    const listed = await runCli(['validate', '--db', db, '--json', '--as-of', '2024-03-01'])
    expect(listed.code).toBe(0)
    const report = JSON.parse(listed.stdout) as { items: { key: string; flags: string[] }[] }
    const bulk = report.items.filter((i) => i.flags.includes('bulk_close')).map((i) => i.key)
    expect(bulk.sort()).toEqual(Array.from({ length: 12 }, (_, k) => `B-${k}`).sort())
    expect(report.items.find((i) => i.key === 'Q-1')?.flags).toContain('resolved_before_created')
    const text = await runCli(['validate', '--db', db, '--as-of', '2024-03-01'])
    expect(text.stdout).toContain('csv:Q-2: ')
    // the API answers the same findings, with the items' keys
    const store = await openStore({ db })
    try {
      const app = createApp({ store, clock: () => Date.parse('2024-03-01T00:00:00Z') })
      const response = await app.request('/api/v1/flow/data-quality')
      expect(response.status).toBe(200)
      const api = (await response.json()) as typeof report
      expect(
        api.items
          .filter((i) => i.flags.includes('bulk_close'))
          .map((i) => i.key)
          .sort(),
      ).toEqual(bulk)
    } finally {
      await store.close()
    }
  })

  test('stores the findings per item: vmo validate --db and the item API read them until a change makes them stale', async () => {
    const { dir, db, config } = setup({ 'q.csv': `${header}${rows.join('\n')}\n` })
    expect((await runCli(['import', join(dir, 'q.csv'), '--db', db, '--no-quality'])).code).toBe(0)
    expect((await runCli(['map', 'save', config, '--db', db])).code).toBe(0)
    // nothing stored yet (the import skipped it): computed now
    expect((await runCli(['validate', '--db', db])).stdout).toContain('findings computed now')
    expect((await runCli(['import', join(dir, 'q.csv'), '--db', db])).code).toBe(0)
    const stored = await runCli(['validate', '--db', db])
    expect(stored.stdout).toMatch(/: 35 items; findings stored by the import of \S+ \(as of /)
    expect(stored.stdout).toContain('csv:Q-2: ')
    const storedJson = JSON.parse((await runCli(['validate', '--db', db, '--json'])).stdout) as {
      items: { key: string; flags: string[] }[]
      findings: unknown[]
    }
    const computed = JSON.parse(
      (await runCli(['validate', '--db', db, '--json', '--as-of', '2026-01-01'])).stdout,
    ) as typeof storedJson
    const byKey = (r: typeof storedJson) => [...r.items].sort((a, b) => (a.key < b.key ? -1 : 1))
    expect(byKey(storedJson)).toEqual(byKey(computed))
    expect(storedJson.findings).toEqual(computed.findings)
    const store = await openStore({ db })
    try {
      const app = createApp({ store, clock: () => Date.parse('2024-03-01T00:00:00Z') })
      const journey = (await (await app.request('/api/v1/items/csv/B-3')).json()) as {
        dataQuality: { asOf: string | null; findings: { flag: string; rule: string }[] }
      }
      expect(journey.dataQuality.asOf).not.toBeNull()
      expect(journey.dataQuality.findings.map((f) => f.flag)).toContain('bulk_close')
      expect(journey.dataQuality.findings[0]?.rule).toMatch(/\w/)
      const normal = (await (await app.request('/api/v1/items/csv/N-3')).json()) as typeof journey
      expect(normal.dataQuality.findings.map((f) => f.flag)).toEqual(['done_without_start'])
    } finally {
      await store.close()
    }
    // a new mapping version makes the stored findings stale: computed afresh
    const edited = `${readFileSync(config, 'utf8')}\n# edited\n`
    writeFileSync(config, edited)
    expect((await runCli(['map', 'save', config, '--db', db])).code).toBe(0)
    expect((await runCli(['validate', '--db', db])).stdout).toContain('findings computed now')
  })
})
