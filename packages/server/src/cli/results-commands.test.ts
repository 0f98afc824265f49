import { join } from 'node:path'
import { beforeEach, describe, expect, test } from 'vitest'
import { createTestStore } from '../api/api-test-fixture'
import { openStore } from '../store/open-store'
import { runCli, writeTempFiles } from './testing/run-cli'

let dir: string
let db: string

beforeEach(async () => {
  dir = writeTempFiles({
    'good.csv':
      'stream,metric,date,value,unit\nPayments,incidents,2024-03-04,3,count\npayments,incidents,2024-03-11,1,\n',
    'wrong-unit.csv':
      'metric,stream,date,value,unit\nincidents,Payments,2024-03-18,3,count\nincidents,Payments,2024-03-25,2,percent\n',
    'twice.csv':
      'stream,metric,date,value\nPayments,incidents,2024-03-18,3\nPayments,incidents,2024-03-18,4\n',
    'unknown.csv':
      'stream,metric,date,value\nPayments,incidents,2024-03-18,3\nNowhere,incidents,2024-03-18,4\n',
  })
  db = join(dir, 'openvmo.db')
  // the API fixture's store, as a file: value stream Payments and Mobile
  const memory = await createTestStore()
  const file = await openStore({ db })
  await file.replaceModel({
    valueStreams: await memory.listValueStreams(),
    products: [],
    teams: [],
  })
  await file.saveMappingVersion((await memory.findCurrentMapping())?.yaml ?? '')
  await Promise.all([memory.close(), file.close()])
})

const define = [
  'results',
  'define',
  '--stream',
  'payments',
  '--metric',
  'incidents',
  '--category',
  'quality',
  '--unit',
  'count',
  '--direction',
  'lower_is_better',
  '--target',
  '2',
  '--target-date',
  '2024-06-30',
]

describe('vmo results', () => {
  test('defines a result, imports a CSV and lists where it stands', async () => {
    const defined = await runCli([...define, '--db', db])
    expect(defined.code, defined.stderr).toBe(0)
    expect(defined.stdout).toBe(
      'defined incidents of Payments: quality, count, lower_is_better, target 2 by 2024-06-30\n',
    )
    const imported = await runCli(['results', 'import', join(dir, 'good.csv'), '--db', db])
    expect(imported.code, imported.stderr).toBe(0)
    expect(imported.stdout).toBe('imported 2 points from good.csv: 2 new, 0 updated\n')
    const listed = await runCli(['results', 'list', '--stream', 'Payments', '--db', db])
    expect(listed.stdout).toBe(
      'incidents: quality, count, lower_is_better, target 2 by 2024-06-30; latest 1 on 2024-03-11; on_target\n',
    )
    // Mobile is a stream of the mapping only
    const mobile = await runCli(['results', 'list', '--stream', 'mobile', '--db', db])
    expect(mobile.stdout).toBe('Mobile has no business results\n')
    const store = await openStore({ db })
    const audit = await store.listAudit()
    await store.close()
    expect(audit.map((e) => [e.action, e.target])).toEqual([
      ['results.import', 'good.csv'],
      ['results.define', 'Payments/incidents'],
    ])
  })

  test('refuses a wrong unit, a date twice and an unknown stream naming the line, importing nothing', async () => {
    await runCli([...define, '--db', db])
    const refusals: [string, string][] = [
      [
        'wrong-unit.csv',
        '"wrong-unit.csv" line 3: unit "percent" differs from incidents\'s unit "count"',
      ],
      ['twice.csv', '"twice.csv" line 3: incidents of Payments on 2024-03-18 is already on line 2'],
      ['unknown.csv', '"unknown.csv" line 3: unknown value stream "Nowhere"'],
    ]
    for (const [file, message] of refusals) {
      const run = await runCli(['results', 'import', join(dir, file), '--db', db])
      expect(run.code, file).toBe(2)
      expect(run.stderr).toContain(message)
    }
    const listed = await runCli(['results', 'list', '--stream', 'Payments', '--db', db])
    expect(listed.stdout).toContain('no points; no_target')
  })

  test('refuses a definition for an unknown stream or with a bad target', async () => {
    const unknown = await runCli([...define.slice(0, 3), 'Nowhere', ...define.slice(4), '--db', db])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown value stream "Nowhere" (streams: Payments, Mobile)')
    const bad = await runCli([...define, '--target', 'lots', '--db', db])
    expect(bad.stderr).toContain('--target "lots" is not a number')
  })
})
