import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { parse as parseYaml } from 'yaml'
import {
  computeFlowMetricsReport,
  createFlowFixture,
  makeWorkItem,
  roundFigures,
  serializeMappingYaml,
  TEST_MAPPING,
} from '@openvmo/core'
import { runCli, writeHistoryFixture } from './testing/run-cli'
import { createProgram } from './main'

const day = (d: number) => `2024-03-${String(d).padStart(2, '0')}T09:00:00Z`
const records = [
  makeWorkItem({
    key: 'PAY-1',
    created: day(1),
    path: [
      [day(4), 'In Progress'],
      [day(6), 'Awaiting QA'],
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
  makeWorkItem({ key: 'PAY-3', created: day(2), path: [[day(8), 'In Progress']] }),
]
const yaml = serializeMappingYaml(TEST_MAPPING)

const files = (extra: Record<string, string> = {}) => writeHistoryFixture(records, extra)

describe('vmo --help', () => {
  test('lists every command as the commands themselves define it', async () => {
    let full = ''
    const io = {
      stdout: (t: string) => void (full += t),
      stderr: () => {},
      isTty: false,
      now: () => 0,
      env: {},
    }
    const program = await createProgram(io, () => {})
    program.outputHelp()
    const { code, stdout } = await runCli(['--help'])
    expect(code).toBe(0)
    expect(stdout).toBe(full)
    expect(stdout).toContain('metrics [options]')
  })
})

describe('vmo metrics', () => {
  test('prints JSON equal to the engine report for the same input', async () => {
    const { history, config } = files()
    const args = [
      '--from',
      '2024-03-01',
      '--to',
      '2024-04-01',
      '--period',
      'week',
      '--as-of',
      '2024-04-01T00:00:00Z',
    ]
    const { code, stdout } = await runCli([
      'metrics',
      '--input',
      history,
      '--config',
      config,
      '--json',
      ...args,
    ])
    expect(code).toBe(0)
    const expected = computeFlowMetricsReport(createFlowFixture(records, '2024-04-01T00:00:00Z'), {
      from: '2024-03-01',
      to: '2024-04-01',
      period: 'week',
    })
    expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(roundFigures(expected))))
    expect(JSON.parse(stdout).total.velocity.total).toBe(2)
  })

  test('prints one CSV row per period plus the total', async () => {
    const { history, config } = files()
    const { stdout } = await runCli([
      'metrics',
      '--input',
      history,
      '--config',
      config,
      '--csv',
      '--from',
      '2024-03-01',
      '--to',
      '2024-04-01',
      '--period',
      'month',
      '--as-of',
      '2024-04-01',
    ])
    const lines = stdout.trim().split('\r\n')
    expect(lines[0]).toMatch(/^period_start,period_end,velocity_total,velocity_feature/)
    expect(lines).toHaveLength(3)
    expect(lines[2]).toMatch(/^total,/)
  })

  test('prints a readable table by default', async () => {
    const { history, config } = files()
    const { code, stdout } = await runCli([
      'metrics',
      '--input',
      history,
      '--config',
      config,
      '--from',
      '2024-03-01',
      '--to',
      '2024-04-01',
      '--period',
      'month',
      '--as-of',
      '2024-04-01',
    ])
    expect(code).toBe(0)
    expect(stdout).toContain('Flow metrics for all items')
    expect(stdout).toMatch(/total\s+│ 2 /)
  })

  test('exits 2 naming the file and line when a history line is malformed', async () => {
    const { history, config } = files({ 'h.ndjson': '{"source":"jira"}\n' })
    const { code, stderr } = await runCli(['metrics', '--input', history, '--config', config])
    expect(code).toBe(2)
    expect(stderr).toMatch(/h\.ndjson:1: /)
  })

  test('leaves out the items of an unmapped status and names it with its count, as the API does', async () => {
    const { history, config } = files({ 'openvmo.yaml': yaml.replace(', Awaiting QA', '') })
    const args = ['metrics', '--input', history, '--config', config, '--json']
    const { code, stderr, stdout } = await runCli(args)
    expect(code).toBe(0)
    expect(stderr).toMatch(/warning: 1 item is left out of every figure: status "Awaiting QA"/)
    const report = JSON.parse(stdout) as { warnings: { code: string }[] }
    expect(report.warnings.map((w) => w.code)).toContain('UNMAPPED_VALUES')
  })

  test('validate exits 2 listing unmapped statuses with their item counts', async () => {
    const { history, config } = files({ 'openvmo.yaml': yaml.replace(', Awaiting QA', '') })
    const { code, stdout, stderr } = await runCli([
      'validate',
      '--input',
      history,
      '--config',
      config,
    ])
    expect(code).toBe(2)
    expect(stdout + stderr).toMatch(/Awaiting QA/)
    expect(stdout + stderr).toMatch(/1 item/)
  })

  test('exits 2 when --input comes without --config', async () => {
    const { history } = files()
    const { code, stderr } = await runCli(['metrics', '--input', history])
    expect(code).toBe(2)
    expect(stderr).toMatch(/needs --config/)
  })

  test('exits 2 on an unknown option', async () => {
    expect((await runCli(['metrics', '--nope'])).code).toBe(2)
  })
})

describe('vmo forecast, flow, map, validate', () => {
  test('forecast when refuses with a reason when history is too short', async () => {
    const { history, config } = files()
    const { code, stdout } = await runCli([
      'forecast',
      'when',
      '--items',
      '5',
      '--input',
      history,
      '--config',
      config,
      '--as-of',
      '2024-04-01',
      '--json',
    ])
    expect(code).toBe(1)
    expect(JSON.parse(stdout).forecast).toMatchObject({ kind: 'insufficient_data' })
  })

  test('forecast item refuses with the sample and exits 1 when too few items took longer', async () => {
    const { history, config } = files()
    const { code, stdout } = await runCli([
      'forecast',
      'item',
      'PAY-3',
      '--input',
      history,
      '--config',
      config,
      '--as-of',
      '2024-04-01',
      '--json',
    ])
    expect(code).toBe(1)
    expect(JSON.parse(stdout)).toMatchObject({
      kind: 'insufficient_data',
      reason: 'only 0 completed items took longer than 23.6 days (at least 5 needed)',
    })
  })

  test('flow time-in-state reports wait shares as CSV', async () => {
    const { history, config } = files()
    const { stdout } = await runCli([
      'flow',
      'time-in-state',
      '--input',
      history,
      '--config',
      config,
      '--from',
      '2024-03-01',
      '--to',
      '2024-04-01',
      '--as-of',
      '2024-04-01',
      '--csv',
    ])
    const rows = stdout
      .trim()
      .split('\r\n')
      .map((l) => l.split(','))
    const ready = rows.find((r) => r[1] === 'Ready')
    expect(ready?.[2]).toBe('waiting')
    // waiting: PAY-1 Awaiting QA 1 day, PAY-2 Ready 1 day
    expect(Number(ready?.[9])).toBeCloseTo(0.5, 9)
  })

  test('flow aging lists items in progress', async () => {
    const { history, config } = files()
    const { stdout } = await runCli([
      'flow',
      'aging',
      '--input',
      history,
      '--config',
      config,
      '--as-of',
      '2024-04-01',
      '--json',
    ])
    expect(JSON.parse(stdout).items.map((i: { key: string }) => i.key)).toEqual(['PAY-3'])
  })

  test('flow aging --csv writes a title a spreadsheet would run as a formula as text', async () => {
    const hostile = makeWorkItem({
      key: 'PAY-4',
      title: "+cmd|' /C calc'!A0",
      created: day(2),
      path: [[day(9), 'In Progress']],
    })
    const { history, config } = writeHistoryFixture([...records, hostile])
    const { code, stdout } = await runCli([
      ...['flow', 'aging', '--input', history, '--config', config],
      ...['--as-of', '2024-04-01', '--csv'],
    ])
    expect(code).toBe(0)
    const line = stdout.split('\r\n').find((l) => l.includes('PAY-4'))
    expect(line).toContain(",'+cmd|' /C calc'!A0,")
    expect(stdout).not.toMatch(/(^|,)[=+\-@]/m)
  })

  test('map suggest writes a mapping that validates against the same data', async () => {
    const { dir, history } = files()
    const out = join(dir, 'suggested.yaml')
    expect((await runCli(['map', 'suggest', '--input', history, '--out', out])).code).toBe(0)
    const { code, stdout } = await runCli(['validate', '--input', history, '--config', out])
    expect(code).toBe(0)
    expect(stdout).toMatch(/covers every status and type/)
  })

  test('map suggest lists statuses in order of first appearance with counts', async () => {
    const { history } = files()
    const { stdout } = await runCli(['map', 'suggest', '--input', history])
    const parsed = parseYaml(stdout) as { states: Record<string, string[]> }
    expect(parsed.states.waiting).toEqual(['Awaiting QA', 'Ready'])
    expect(stdout).toMatch(/In Progress # 3 items/)
  })

  test('validate lists every bad line and exits 2', async () => {
    const good = (await import('@openvmo/core')).formatHistoryLine(
      records[0] as (typeof records)[number],
    )
    const { history } = files({ 'h.ndjson': `${good}\nnot json\n{"source":"x"}\n` })
    const { code, stdout } = await runCli(['validate', '--input', history])
    expect(code).toBe(2)
    expect(stdout).toMatch(/h\.ndjson:2: /)
    expect(stdout).toMatch(/h\.ndjson:3: /)
  })
})
