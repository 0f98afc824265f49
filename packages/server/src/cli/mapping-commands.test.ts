import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { makeWorkItem, serializeMappingYaml, TEST_MAPPING } from '@openvmo/core'
import { formatHistoryLine } from '@openvmo/core'
import { runCli, writeHistoryFixture } from './testing/run-cli'

const day = (d: number) => `2024-03-${String(d).padStart(2, '0')}T09:00:00Z`
const records = [
  makeWorkItem({
    key: 'PAY-1',
    created: day(1),
    path: [
      [day(4), 'In Progress'],
      [day(7), 'Done'],
    ],
  }),
  makeWorkItem({ key: 'PAY-2', created: day(2), path: [[day(5), 'In Progress']] }),
]
const weird = makeWorkItem({
  key: 'PAY-3',
  created: day(2),
  path: [
    [day(3), 'In Progress'],
    [day(6), 'Weird Status'],
  ],
})

describe('vmo map save and show', () => {
  test('saves a mapping file as the next version and shows it back', async () => {
    const { db, history, config } = writeHistoryFixture(records)
    expect((await runCli(['import', history, '--db', db])).code).toBe(0)
    const saved = await runCli(['map', 'save', config, '--db', db])
    expect(saved.code, saved.stderr).toBe(0)
    expect(saved.stdout).toMatch(/saved .*openvmo\.yaml as mapping version 1 of store/)
    const shown = await runCli(['map', 'show', '--db', db])
    expect(shown.stdout).toBe(serializeMappingYaml(TEST_MAPPING))
    const metrics = await runCli([
      'metrics',
      '--db',
      db,
      '--from',
      '2024-03-01',
      '--to',
      '2024-04-01',
    ])
    expect(metrics.code, metrics.stderr).toBe(0)
  })

  test('refuses to save a mapping that leaves stored values unmapped, naming them', async () => {
    const { db, dir, config } = writeHistoryFixture([...records, weird])
    await runCli(['import', join(dir, 'h.ndjson'), '--db', db])
    const saved = await runCli(['map', 'save', config, '--db', db])
    expect(saved.code).toBe(2)
    expect(saved.stderr).toMatch(/"Weird Status" of jira \(1 item\)/)
    expect((await runCli(['map', 'show', '--db', db])).code).toBe(2)
  })
})

describe('vmo import and the saved mapping', () => {
  test('warns about imported values the saved mapping does not map, with their item counts', async () => {
    const { db, dir, history, config } = writeHistoryFixture(records)
    await runCli(['import', history, '--db', db])
    await runCli(['map', 'save', config, '--db', db])
    const file = join(dir, 'more.ndjson')
    writeFileSync(file, `${formatHistoryLine(weird)}\n`)
    const imported = await runCli(['import', file, '--db', db])
    expect(imported.code).toBe(0)
    expect(imported.stderr).toMatch(
      /warning: 1 value of the imported items is not mapped by the saved mapping \(version 1\): status "Weird Status" of jira \(1 item\)/,
    )
    const metrics = await runCli(['metrics', '--db', db, '--json'])
    expect(metrics.code).toBe(0)
    expect(metrics.stderr).toMatch(/1 item is left out of every figure/)
  })

  test('says nothing about mapping when every imported value is mapped', async () => {
    const { db, history, config } = writeHistoryFixture(records)
    await runCli(['import', history, '--db', db])
    await runCli(['map', 'save', config, '--db', db])
    const again = await runCli(['import', history, '--db', db])
    expect(again.stderr).not.toMatch(/not mapped/)
  })
})
