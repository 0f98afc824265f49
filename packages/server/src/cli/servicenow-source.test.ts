import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { WorkItemRecord } from '@openvmo/core'
import {
  FAKE_SERVICENOW_PASSWORD,
  FAKE_SERVICENOW_USER,
  startFakeServiceNow,
} from '../sources/servicenow/testing/fake-servicenow-server'
import { comparableRecord } from '../sources/testing/connector-contract'
import { runCli, writeTempFiles } from './testing/run-cli'

/** Runs `vmo` in-process and requires exit 0, with stderr in the failure message. */
async function vmo(args: string[], env: Record<string, string> = {}) {
  const result = await runCli(args, env)
  expect(result.code, `vmo ${args.join(' ')}: ${result.stderr}`).toBe(0)
  return result
}

describe('vmo source add servicenow', () => {
  test('a whole instance syncs every default table and map suggest proposes a mapping validate accepts', async () => {
    const fake = await startFakeServiceNow({ pageSize: 4, sourceName: 'snow' })
    try {
      const keys = [
        ...Array.from({ length: 5 }, (_, i) => fake.createTask('incident', { changes: i })),
        fake.createTask('problem', { changes: 3 }),
        fake.createTask('change_request', { changes: 7 }),
        fake.createTask('change_request', { changes: 2 }),
      ]
      const req = fake.createTask('sc_request', { changes: 1 })
      keys.push(req, fake.createTask('sc_req_item', { changes: 4, refs: { request: req } }))
      const db = join(writeTempFiles({}), 'openvmo.db')
      const env = { SN_PASSWORD: FAKE_SERVICENOW_PASSWORD }
      const common = ['--url', fake.url, '--username', FAKE_SERVICENOW_USER]
      const added = await vmo(
        [
          'source',
          'add',
          'servicenow',
          '--name',
          'snow',
          ...common,
          '--token-env',
          'SN_PASSWORD',
          '--db',
          db,
        ],
        env,
      )
      expect(added.stdout).toMatch(/saved source snow \(servicenow, scopes all\)/)
      expect(added.stdout).toMatch(/connection ok/)
      const tested = await vmo(['source', 'test', 'snow', '--db', db], env)
      expect(tested.stdout).toMatch(/sys_audit and sys_choice can be read/)
      const synced = await vmo(['sync', '--db', db], env)
      expect(synced.stdout).toMatch(/all \(full\): 10 pulled: 10 new/)
      const out = join(writeTempFiles({}), 'out.ndjson')
      await vmo(['export', '--out', out, '--db', db])
      const records = readFileSync(out, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as WorkItemRecord)
      const byKey = new Map(records.map((r) => [r.key, r]))
      for (const key of keys) {
        expect(comparableRecord(byKey.get(key) as WorkItemRecord)).toEqual(
          comparableRecord(fake.expectedRecord(key)),
        )
      }
      const mapping = join(writeTempFiles({}), 'openvmo.yaml')
      await vmo(['map', 'suggest', '--db', db, '--out', mapping], env)
      const yaml = readFileSync(mapping, 'utf8')
      expect(yaml).toMatch(/waiting:[^]*On Hold/)
      expect(yaml).toMatch(/risk:[^]*problem/)
      expect(yaml).toMatch(/defect:[^]*incident/)
      expect(yaml).toMatch(/feature:[^]*requested_item/)
      await vmo(['map', 'save', mapping, '--db', db])
      await vmo(['validate', '--db', db])
    } finally {
      await fake.close()
    }
  })

  test('source test says clearly when sys_audit is forbidden and history comes from history sets', async () => {
    const fake = await startFakeServiceNow({ audit: 'forbidden' })
    try {
      fake.createTask('incident', { changes: 2 })
      const db = join(writeTempFiles({}), 'openvmo.db')
      const env = { SN_PASSWORD: FAKE_SERVICENOW_PASSWORD }
      await vmo(
        [
          'source',
          'add',
          'servicenow',
          '--name',
          'snow',
          '--url',
          fake.url,
          '--username',
          FAKE_SERVICENOW_USER,
          '--token-env',
          'SN_PASSWORD',
          '--table',
          'incident',
          '--db',
          db,
        ],
        env,
      )
      const tested = await vmo(['source', 'test', 'snow', '--db', db], env)
      expect(tested.stdout).toMatch(/sys_audit cannot be read \(403\)[^\n]*at most ~21 days/)
    } finally {
      await fake.close()
    }
  })

  test('a source without a user or client id is refused, naming the member', async () => {
    const db = join(writeTempFiles({}), 'openvmo.db')
    const result = await runCli(
      [
        'source',
        'add',
        'servicenow',
        '--name',
        's',
        '--url',
        'https://acme.service-now.com',
        '--token-env',
        'X',
        '--db',
        db,
      ],
      { X: 'x' },
    )
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/username: basic auth needs a username/)
  })
})
