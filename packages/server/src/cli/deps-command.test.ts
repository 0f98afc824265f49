import { describe, expect, test } from 'vitest'
import { makeWorkItem } from '@openvmo/core'
import { runCli, writeHistoryFixture } from './testing/run-cli'

const day = (d: number) => new Date(Date.UTC(2024, 0, d)).toISOString()

// A story of team web waits (Ready) 3–13 January on an API task of team api (done 9 January)
// linked from the other side ("blocks"), and on a pull request in GitHub that delivers it
// (done 11 January): 3–9 split in two, 9–11 the pull request alone, 11–13 on nothing.
const RECORDS = [
  makeWorkItem({
    key: 'WEB-1',
    team: 'web',
    created: day(1),
    path: [
      [day(3), 'Ready'],
      [day(13), 'In Progress'],
      [day(15), 'Done'],
    ],
  }),
  makeWorkItem({
    key: 'API-1',
    team: 'api',
    created: day(1),
    links: [{ type: 'blocks', target: 'WEB-1' }],
    path: [
      [day(2), 'In Progress'],
      [day(9), 'Done'],
    ],
  }),
  makeWorkItem({
    source: 'github',
    key: 'acme/web#7',
    team: 'platform',
    type: 'Sub-task',
    created: day(2),
    links: [{ type: 'implements', target: 'jira:WEB-1' }],
    path: [
      [day(2), 'In Progress'],
      [day(11), 'Done'],
    ],
  }),
]

const RANGE = ['--from', '2024-01-01', '--to', '2024-02-01', '--period', 'month']
const AS_OF = ['--as-of', '2024-02-01T00:00:00Z']

describe('vmo deps', () => {
  test('reads links from a history file, across sources, each wait split once', async () => {
    const { history, config } = writeHistoryFixture(RECORDS)
    const args = ['deps', '--input', history, '--config', config, ...RANGE, ...AS_OF, '--json']
    const { code, stdout, stderr } = await runCli(args)
    expect(code, stderr).toBe(0)
    const body = JSON.parse(stdout) as {
      edges: { upstream: string; downstream: string; waitDays: number }[]
      total: { waitingDays: number; attributedDays: number }
    }
    expect(body.edges.map((e) => [e.upstream, e.downstream, e.waitDays])).toEqual([
      ['platform', 'web', 5],
      ['api', 'web', 3],
    ])
    expect(body.total).toMatchObject({ waitingDays: 10, attributedDays: 8 })
  })

  test('prints the edges heaviest first as a table', async () => {
    const { history, config } = writeHistoryFixture(RECORDS)
    const { code, stdout } = await runCli([
      'deps',
      '--input',
      history,
      '--config',
      config,
      ...RANGE,
      ...AS_OF,
    ])
    expect(code).toBe(0)
    expect(stdout.indexOf('platform')).toBeLessThan(stdout.indexOf('api '))
    expect(stdout).toContain('waiting 10.0 days in all; 8.0 on other teams (1 items')
  })

  test('refuses an unknown grouping with exit code 2 and says which', async () => {
    const { history, config } = writeHistoryFixture(RECORDS)
    const { code, stderr } = await runCli([
      'deps',
      '--input',
      history,
      '--config',
      config,
      '--by',
      'product',
    ])
    expect(code).toBe(2)
    expect(stderr).toContain('--by "product" is not one of team, stream')
  })
})
