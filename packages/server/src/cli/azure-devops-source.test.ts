import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { WorkItemRecord } from '@openvmo/core'
import { startFakeAzureDevOps } from '../sources/azure-devops/testing/fake-azure-devops-server'
import { comparableRecord } from '../sources/testing/connector-contract'
import { runCli, writeTempFiles } from './testing/run-cli'

/** Runs `vmo` in-process and requires exit 0, with stderr in the failure message. */
async function vmo(args: string[], env: Record<string, string> = {}) {
  const result = await runCli(args, env)
  expect(result.code, `vmo ${args.join(' ')}: ${result.stderr}`).toBe(0)
  return result
}

describe('vmo source add azure-devops', () => {
  test('a project source syncs work items with their links, and map suggest proposes a mapping validate accepts', async () => {
    const fake = await startFakeAzureDevOps()
    try {
      const pay = await fake.createItems({ name: 'pay', kind: 'project', value: 'Pay' }, 14, {
        changes: 4,
      })
      fake.linkParent(pay[1] ?? '', pay[0] ?? '')
      const db = join(writeTempFiles({}), 'openvmo.db')
      const env = { ADO_TOKEN: fake.token }
      const added = await vmo(
        ['source', 'add', 'azure-devops', '--url', fake.url, '--token-env', 'ADO_TOKEN'].concat([
          '--project',
          'Pay',
          '--db',
          db,
        ]),
        env,
      )
      expect(added.stdout).toMatch(/saved source azure-devops \(azure_devops, scopes Pay\)/)
      expect(added.stdout).toMatch(/connection ok/)
      expect(added.stdout).toMatch(/types User Story, Bug; states New \(Proposed\)/)
      const synced = await vmo(['sync', '--db', db], env)
      expect(synced.stdout).toMatch(/Pay \(full\): 14 pulled: 14 new/)
      const out = join(writeTempFiles({}), 'out.ndjson')
      await vmo(['export', '--out', out, '--db', db])
      const records = readFileSync(out, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as WorkItemRecord)
      expect(records).toHaveLength(14)
      for (const record of records) {
        expect(comparableRecord(record)).toEqual(comparableRecord(fake.expectedRecord(record.key)))
      }
      const mapping = join(writeTempFiles({}), 'openvmo.yaml')
      await vmo(['map', 'suggest', '--db', db, '--out', mapping], env)
      const yaml = readFileSync(mapping, 'utf8')
      // Removed says nothing by its name: its category does
      expect(yaml).toMatch(
        /canceled:\n\s+- Removed # \d+ items, suggested by the tool's status category/,
      )
      expect(yaml).toMatch(/done:\n\s+- Resolved #/)
      await vmo(['map', 'save', mapping, '--db', db])
      await vmo(['validate', '--db', db])
      const again = await vmo(['sync', '--db', db], env)
      expect(again.stdout).toMatch(/Pay \(incremental\)/)
    } finally {
      await fake.close()
    }
  })

  test('a source without a project or WIQL condition is refused, naming the options', async () => {
    const db = join(writeTempFiles({}), 'openvmo.db')
    const result = await runCli(
      ['source', 'add', 'azure-devops', '--url', 'https://dev.azure.com/acme'].concat([
        '--token-env',
        'X',
        '--db',
        db,
      ]),
      { X: 'x' },
    )
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/--project NAME or --wiql CONDITION/)
  })

  test('a WIQL scope with ORDER BY is refused, quoting it', async () => {
    const db = join(writeTempFiles({}), 'openvmo.db')
    const result = await runCli(
      ['source', 'add', 'azure-devops', '--url', 'https://dev.azure.com/acme'].concat([
        '--token-env',
        'X',
        '--wiql',
        "[System.State] = 'New' ORDER BY [System.Id]",
        '--db',
        db,
      ]),
      { X: 'x' },
    )
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/only the condition after WHERE/)
  })
})
