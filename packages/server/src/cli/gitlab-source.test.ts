import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { WorkItemRecord } from '@openvmo/core'
import { startFakeGitLab } from '../sources/gitlab/testing/fake-gitlab-server'
import { comparableRecord } from '../sources/testing/connector-contract'
import { runCli, writeTempFiles } from './testing/run-cli'

/** Runs `vmo` in-process and requires exit 0, with stderr in the failure message. */
async function vmo(args: string[], env: Record<string, string> = {}) {
  const result = await runCli(args, env)
  expect(result.code, `vmo ${args.join(' ')}: ${result.stderr}`).toBe(0)
  return result
}

describe('vmo source add gitlab', () => {
  test('a group source syncs every project of the group, issues and merge requests with their links', async () => {
    const fake = await startFakeGitLab({ pageSize: 4 })
    try {
      const pay = await fake.createItems({ name: 'pay', kind: 'project', value: 'acme/pay' }, 7)
      const web = await fake.createItems({ name: 'web', kind: 'project', value: 'acme/web' }, 3)
      const merge = fake.createMergeRequest('acme/pay', { closes: [pay[0] ?? ''] })
      const db = join(writeTempFiles({}), 'openvmo.db')
      const env = { GITLAB_TOKEN: fake.token }
      // a self-managed instance given by its bare URL: /api/v4 is added
      const base = fake.apiUrl.replace(/\/api\/v4$/, '')
      const added = await vmo(
        [
          'source',
          'add',
          'gitlab',
          '--name',
          'gitlab',
          '--url',
          base,
          '--token-env',
          'GITLAB_TOKEN',
          '--group',
          'acme',
          '--db',
          db,
        ],
        env,
      )
      expect(added.stdout).toMatch(/saved source gitlab \(gitlab, scopes acme\)/)
      expect(added.stdout).toMatch(/connection ok/)
      const synced = await vmo(['sync', '--db', db], env)
      expect(synced.stdout).toMatch(/acme \(full\): 11 pulled: 11 new/)
      const out = join(writeTempFiles({}), 'out.ndjson')
      await vmo(['export', '--out', out, '--db', db])
      const records = readFileSync(out, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as WorkItemRecord)
      const byKey = new Map(records.map((r) => [r.key, r]))
      for (const key of [...pay, ...web, merge]) {
        const got = byKey.get(key)
        expect(got, key).toBeDefined()
        expect(comparableRecord(got as WorkItemRecord)).toEqual(
          comparableRecord(fake.expectedRecord(key)),
        )
      }
      const mapping = join(writeTempFiles({}), 'openvmo.yaml')
      await vmo(['map', 'suggest', '--db', db, '--out', mapping], env)
      const yaml = readFileSync(mapping, 'utf8')
      expect(yaml).toMatch(/opened/)
      expect(yaml).toMatch(/in review/)
      await vmo(['map', 'save', mapping, '--db', db])
      await vmo(['validate', '--db', db])
      const again = await vmo(['sync', '--db', db], env)
      expect(again.stdout).toMatch(/acme \(incremental\)/)
    } finally {
      await fake.close()
    }
  })

  test('a source without a project or group is refused, naming the options', async () => {
    const db = join(writeTempFiles({}), 'openvmo.db')
    const result = await runCli(
      ['source', 'add', 'gitlab', '--name', 'g', '--token-env', 'X', '--db', db],
      { X: 'x' },
    )
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/--project GROUP\/PROJECT or --group GROUP/)
  })
})
