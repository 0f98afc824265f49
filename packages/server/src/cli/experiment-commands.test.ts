import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, test } from 'vitest'
import { testRecords, TEST_MAPPING_YAML } from '../api/api-test-fixture'
import { openStore } from '../store/open-store'
import { runCli, writeTempFiles } from './testing/run-cli'

let dir: string
let db: string

beforeEach(async () => {
  dir = writeTempFiles({})
  db = join(dir, 'openvmo.db')
  // the API fixture's items and mapping (streams Payments and Mobile) in a file store
  const store = await openStore({ db, mode: 'create' })
  await store.importRecords(testRecords())
  await store.saveMappingVersion(TEST_MAPPING_YAML)
  await store.close()
})

const add = [
  'experiment',
  'add',
  '--stream',
  'payments',
  '--id',
  'wip-limit',
  '--name',
  'WIP limit',
  '--hypothesis',
  'Flow time p85 falls by a third.',
  '--change',
  'one item per developer',
  '--change-date',
  '2024-02-05',
  '--before-days',
  '28',
  '--after-days',
  '28',
  '--target',
  'flow_time_p85:decrease:33',
  '--control',
  'Mobile',
  '--as-of',
  '2024-04-01',
]

describe('vmo experiment', () => {
  test('adds, lists and shows an experiment, writing the HTML report with its charts', async () => {
    const added = await runCli([...add, '--db', db])
    expect(added.code, added.stderr).toBe(0)
    expect(added.stdout).toBe(
      'recorded experiment wip-limit of Payments: change on 2024-02-05; see it with vmo experiment show wip-limit\n',
    )
    const listed = await runCli(['experiment', 'list', '--db', db])
    expect(listed.stdout).toBe(
      'wip-limit\tPayments\t2024-02-05\tWIP limit\t(flow_time_p85 decrease)\n',
    )
    const html = join(dir, 'wip.html')
    const shown = await runCli([
      'experiment',
      'show',
      'wip-limit',
      '--as-of',
      '2024-04-01',
      '--html',
      html,
      '--db',
      db,
    ])
    expect(shown.code, shown.stderr).toBe(0)
    expect(shown.stdout).toContain('WIP limit (wip-limit), Payments, control Mobile\n')
    expect(shown.stdout).toContain('verdict: inconclusive\n')
    expect(shown.stdout).toMatch(/flow_time_p85: [\d.]+ → [\d.]+, [−+±]\d+%/)
    const page = readFileSync(html, 'utf8')
    expect(page.startsWith('<!doctype html>')).toBe(true)
    expect(page.match(/<svg/g)).toHaveLength(2)
    expect(page).toContain('Flow time p85 falls by a third.')
    expect(page).not.toMatch(/<script|<link|src="http/)
    const json = await runCli([
      'experiment',
      'show',
      'wip-limit',
      '--json',
      '--as-of',
      '2024-04-01',
      '--db',
      db,
    ])
    expect(JSON.parse(json.stdout)).toMatchObject({
      verdict: 'inconclusive',
      windows: { before: { from: '2024-01-08' } },
    })
    const store = await openStore({ db })
    const audit = await store.listAudit()
    await store.close()
    expect(audit.map((e) => [e.action, e.target, e.detail])).toEqual([
      ['experiment.add', 'wip-limit', { stream: 'Payments', replaced: false }],
    ])
  })

  test('refuses a future date, an empty before window, an unknown stream and a bad target, recording nothing', async () => {
    const cases: [string[], string][] = [
      [
        ['--change-date', '2024-04-02'],
        'change date 2024-04-02 is in the future (today is 2024-04-01)',
      ],
      [['--before-days', '0'], 'the before window has 0 days'],
      [['--control', 'Payroll'], 'unknown value stream "Payroll" (streams: Payments, Mobile)'],
      [
        ['--target', 'cycle_time:decrease'],
        '--target "cycle_time:decrease": metric must be one of',
      ],
    ]
    for (const [change, message] of cases) {
      const run = await runCli([...add, ...change, '--db', db])
      expect(run.code, message).not.toBe(0)
      expect(run.stderr).toContain(message)
    }
    const listed = await runCli(['experiment', 'list', '--db', db])
    expect(listed.stdout).toBe('no experiments recorded\n')
    const missing = await runCli(['experiment', 'show', 'nope', '--db', db])
    expect(missing.stderr).toContain('no experiment "nope"')
  })

  test('suggest answers for a stream of the mapping', async () => {
    const run = await runCli([
      'experiment',
      'suggest',
      '--stream',
      'payments',
      '--as-of',
      '2024-04-01',
      '--db',
      db,
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toBe("no change points in Payments's last two years\n")
  })
})
