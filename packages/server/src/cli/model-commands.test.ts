import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { makeWorkItem } from '@openvmo/core'
import { openStore } from '../store/open-store'
import { runCli, writeHistoryFixture } from './testing/run-cli'

const day = (d: number) => `2024-03-${String(d).padStart(2, '0')}T09:00:00Z`
const records = [makeWorkItem({ key: 'PAY-1', created: day(1), path: [[day(4), 'In Progress']] })]

const MODEL = `valueStreams:
  - name: Payments
    match: { project: [PAY] }
teams:
  - { name: pay-core, stream: Payments, members: 5 }
`

async function storeWithMapping() {
  const files = writeHistoryFixture(records)
  expect((await runCli(['import', files.history, '--db', files.db])).code).toBe(0)
  expect((await runCli(['map', 'save', files.config, '--db', files.db])).code).toBe(0)
  return files
}

describe('vmo model export and import', () => {
  test('imports a model file: shows the difference, saves the next version, lists its teams', async () => {
    const { db } = await storeWithMapping()
    const file = join(db, '..', 'model.yaml')
    writeFileSync(file, MODEL)
    const dry = await runCli(['model', 'import', file, '--dry-run', '--db', db])
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stdout).toContain('+  - name: Payments')
    expect(dry.stdout).toContain('dry run: nothing saved')
    const imported = await runCli(['model', 'import', file, '--db', db])
    expect(imported.code, imported.stderr).toBe(0)
    expect(imported.stdout).toMatch(/saved the model of .*model\.yaml as mapping version 2/)
    const store = await openStore({ db })
    try {
      expect((await store.listTeams()).map((t) => t.name)).toEqual(['pay-core'])
      expect((await store.listAudit()).some((e) => e.action === 'model.import')).toBe(true)
    } finally {
      await store.close()
    }
    const exported = await runCli(['model', 'export', '--db', db])
    expect(exported.stdout).toContain('name: pay-core')
    expect(exported.stdout).not.toContain('states')
    const again = await runCli(['model', 'import', file, '--db', db])
    expect(again.stdout).toContain('nothing to save')
  })

  test('refuses a file with another key at its line, and saves nothing', async () => {
    const { db } = await storeWithMapping()
    const before = (await runCli(['map', 'show', '--db', db])).stdout
    const file = join(db, '..', 'bad-model.yaml')
    writeFileSync(file, 'states: { done: [Backlog] }\n')
    const refused = await runCli(['model', 'import', file, '--db', db])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/bad-model\.yaml:1:1: .*is not a known key/)
    expect((await runCli(['map', 'show', '--db', db])).stdout).toBe(before)
  })
})
