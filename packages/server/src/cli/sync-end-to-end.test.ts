import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { formatHistoryLine } from '@openvmo/core'
import type { WorkItemRecord } from '@openvmo/core'
import { startFakeJira } from '../sources/jira/testing/fake-jira'
import { startFakeGitHub } from '../sources/github/testing/fake-github-server'
import { runCli, writeTempFiles } from './testing/run-cli'
import { addFakeJiraArgs } from './testing/source-args'

const DAY = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()
const date = (ms: number) => iso(ms).slice(0, 10)

/** Runs `vmo` in-process and requires exit 0, with stderr in the failure message. */
async function vmo(args: string[], env: Record<string, string> = {}) {
  const result = await runCli(args, env)
  expect(result.code, `vmo ${args.join(' ')}: ${result.stderr}`).toBe(0)
  return result
}

describe('from a live source to the metrics', () => {
  test('vmo sync of a fake Jira and a fake GitHub gives the metrics of the same histories imported from NDJSON', async () => {
    const fake = await startFakeJira({ deployment: 'cloud', sourceName: 'acme-jira', pageSize: 7 })
    const hub = await startFakeGitHub({ pageSize: 6 })
    try {
      const pay = await fake.createItems({ name: 'PAY', kind: 'project', value: 'PAY' }, 23)
      const ops = await fake.createItems({ name: 'OPS', kind: 'project', value: 'OPS' }, 9, {
        changes: 2,
      })
      const repo = { name: 'acme/pay', kind: 'repo', value: 'acme/pay' }
      const prs = await hub.createItems(repo, 11)
      const dir = writeTempFiles({})
      const synced = join(dir, 'synced.db')
      const imported = join(dir, 'imported.db')
      const env = { JIRA_TOKEN: fake.token, GITHUB_TOKEN: hub.token }
      await vmo(addFakeJiraArgs(fake, ['--project', 'OPS', '--db', synced]), env)
      await vmo(
        [
          'source',
          'add',
          'github',
          '--name',
          'github',
          '--api-url',
          hub.url,
          '--token-env',
          'GITHUB_TOKEN',
          '--repo',
          'acme/pay',
          '--db',
          synced,
        ],
        env,
      )
      const sync = await vmo(['sync', '--db', synced], env)
      expect(sync.stdout).toMatch(/PAY \(full\): 23 pulled: 23 new/)
      expect(sync.stdout).toMatch(/OPS \(full\): 9 pulled: 9 new/)
      expect(sync.stdout).toMatch(/acme\/pay \(full\): 11 pulled: 11 new/)
      const records: WorkItemRecord[] = [
        ...[...pay, ...ops].map((key) => fake.expectedRecord(key)),
        ...prs.map((key) => hub.expectedRecord(key)),
      ]
      const history = join(dir, 'history.ndjson')
      writeFileSync(history, records.map(formatHistoryLine).join('\n') + '\n')
      await vmo(['import', history, '--db', imported])
      const mapping = join(dir, 'openvmo.yaml')
      await vmo(['map', 'suggest', '--db', synced, '--out', mapping])
      await vmo(['map', 'save', mapping, '--db', synced])
      await vmo(['map', 'save', mapping, '--db', imported])
      const first = Math.min(...records.map((r) => Date.parse(r.created)))
      const last = Math.max(...records.flatMap((r) => r.changes.map((c) => Date.parse(c.at))))
      const days = Math.ceil((last - first) / DAY) + 2
      const range = ['--period', 'day', '--from', date(first), '--to', date(first + days * DAY)]
      const asOf = ['--as-of', iso(first + days * DAY)]
      const metrics = async (db: string) =>
        JSON.parse((await vmo(['metrics', '--db', db, '--json', ...range, ...asOf])).stdout) as {
          total: { velocity: { total: number } }
        }
      const fromSync = await metrics(synced)
      expect(fromSync.total.velocity.total).toBeGreaterThan(0)
      expect(fromSync).toEqual(await metrics(imported))
      const flow = async (db: string) =>
        (await vmo(['flow', 'time-in-state', '--db', db, '--json', ...range, ...asOf])).stdout
      expect(await flow(synced)).toBe(await flow(imported))
      // with a mapping, a sync ends by storing the findings per item, which validate reads
      const again = await vmo(['sync', '--db', synced], env)
      expect(again.stdout).toMatch(/data quality: \d+ of 43 items have findings/)
      const validated = await vmo(['validate', '--db', synced])
      expect(validated.stdout).toMatch(/: 43 items; findings stored by the sync of /)
    } finally {
      await fake.close()
      await hub.close()
    }
  })
})
