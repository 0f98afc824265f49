import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { makeWorkItem, parseHistoryLine } from '@openvmo/core'
import type { WorkItemRecord } from '@openvmo/core'
import { runCli, writeTempFiles } from '../../cli/testing/run-cli'
import { recogniseImportFormat } from '../files/import-file'
import { readGitHubIssues } from './read-github-issues'

// three lines built from recorded GitHub shapes: an issue with its timeline, one with its
// events, and the connector's payload of a merged pull request with its branch
const FIXTURE = fileURLToPath(new URL('./testing/github-issues.jsonl', import.meta.url))
const fixtureLines = () => readFileSync(FIXTURE, 'utf8').trim().split('\n')

function byKey(records: readonly WorkItemRecord[]) {
  return new Map(records.map((r) => [r.key, r]))
}

describe('readGitHubIssues', () => {
  test('maps issues with their timeline or events and item payloads through the GitHub mapper', async () => {
    const { records, outcomes } = await readGitHubIssues(FIXTURE)
    expect(outcomes).toEqual([])
    const got = byKey(records)
    expect(got.get('acme/pay#10')).toMatchObject({
      source: 'github',
      type: 'bug',
      status: 'closed',
      changes: [{ at: '2022-07-21T10:00:05Z', field: 'status', from: 'open', to: 'closed' }],
    })
    expect(got.get('acme/pay#9')).toMatchObject({
      status: 'not planned',
      changes: [{ at: '2022-07-22T08:00:00Z', field: 'status', from: 'open', to: 'not planned' }],
    })
    expect(got.get('acme/pay#8')).toMatchObject({
      type: 'Pull Request',
      status: 'merged',
      links: [{ type: 'closes', target: 'acme/pay#10' }],
      fields: { branch: 'feature/PAY-1-refund-button' },
    })
  })

  test('reads milestones as states with the webcompat close burst as one transition when asked to', async () => {
    const { records } = await readGitHubIssues(FIXTURE, {
      source: 'webcompat',
      workflow: { kind: 'milestones', closedStatus: 'workflow' },
    })
    const issue = byKey(records).get('acme/pay#10')
    expect(issue?.source).toBe('webcompat')
    expect(issue?.changes.map((c) => `${c.at} ${c.from}>${c.to}`)).toEqual([
      '2022-07-20T09:00:00Z needstriage>needsdiagnosis',
      '2022-07-21T10:00:05Z needsdiagnosis>fixed',
    ])
  })

  test('reports lines that are not json, have no history or cannot be mapped, and repeated keys', async () => {
    const [first = ''] = fixtureLines()
    const noHistory = JSON.stringify({ ...JSON.parse(first), timeline: undefined })
    const badDate = first.replace(
      '"created_at":"2022-07-19T04:39:07Z"',
      '"created_at":"2022-13-01T00:00:00Z"',
    )
    const dir = writeTempFiles({
      'bad.jsonl': [first, '{"number": 1,', '', noHistory, badDate, first].join('\n'),
    })
    const { records, outcomes } = await readGitHubIssues(join(dir, 'bad.jsonl'))
    expect(records.map((r) => r.key)).toEqual(['acme/pay#10'])
    expect(outcomes.map((o) => [o.line, o.severity, o.key, o.reason])).toEqual([
      [2, 'error', undefined, expect.stringMatching(/^not json: /)],
      [
        4,
        'error',
        undefined,
        'not a github issue with "timeline" or "events", nor an item payload',
      ],
      [
        5,
        'error',
        'acme/pay#10',
        'acme/pay#10: created_at "2022-13-01T00:00:00Z" is not a valid date and time: month 13 is not 01–12',
      ],
      [6, 'warning', 'acme/pay#10', 'also on line 1; the later line is kept'],
    ])
  })
})

describe('github_json in vmo import', () => {
  test('is recognised by content and says what it recognised', async () => {
    expect(await recogniseImportFormat(FIXTURE)).toEqual({
      format: 'github_json',
      evidence: 'a github issue with its timeline ("number", "html_url", "timeline")',
    })
    const [first = '', , payload = ''] = fixtureLines()
    const long = first.replace('"body":null', `"body":"${'x'.repeat(70_000)}"`)
    const dir = writeTempFiles({ 'long.txt': `${long}\n`, 'payload.txt': `${payload}\n` })
    expect((await recogniseImportFormat(join(dir, 'long.txt'))).evidence).toBe(
      'a github issue ("url" of an issue first)',
    )
    expect((await recogniseImportFormat(join(dir, 'payload.txt'))).evidence).toBe(
      'a github item payload ("issue" and "timeline")',
    )
  })

  test('imports saved issues and links their Jira keys to the Jira items of the same run', async () => {
    const jira = makeWorkItem({ source: 'jira', key: 'PAY-1', title: 'Refund button' })
    const dir = writeTempFiles({
      'jira.ndjson': [jira],
      'github.jsonl': readFileSync(FIXTURE, 'utf8'),
    })
    const db = join(dir, 'openvmo.db')
    const run = await runCli([
      'import',
      join(dir, 'jira.ndjson'),
      join(dir, 'github.jsonl'),
      '--db',
      db,
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toContain(
      'github.jsonl: a github issue with its timeline ("number", "html_url", "timeline")',
    )
    expect(run.stdout).toMatch(/imported 4 items .*: 4 new/)
    const out = join(dir, 'out.ndjson')
    expect((await runCli(['export', '--out', out, '--db', db])).code).toBe(0)
    const exported = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => parseHistoryLine(line))
    const pull = exported.find((r) => r.ok && r.record.key === 'acme/pay#8')
    expect(pull?.ok && pull.record.links).toEqual([
      { type: 'closes', target: 'github:acme/pay#10' },
      { type: 'mentions', target: 'jira:PAY-1' },
    ])
  })
})
