import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { afterAll, expect, test } from 'vitest'
import { generateDemoOrganisation } from './generate-demo-organisation'
import { formatBusinessResultsCsv, writeDemoFiles } from './write-demo-files'

const dirs: string[] = []

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

test('history, mapping, business results and experiments files when the demo is written', async () => {
  const org = generateDemoOrganisation({ asOfMs: Date.UTC(2025, 0, 15), years: 1 })
  const dir = await mkdtemp(join(tmpdir(), 'openvmo-demo-'))
  dirs.push(dir)
  const files = await writeDemoFiles(join(dir, 'acme'), org)
  const lines = (await readFile(files.history, 'utf8')).trimEnd().split('\n')
  expect(lines).toHaveLength(org.records.length)
  expect(JSON.parse(lines[0] as string)).toEqual(org.records[0])
  expect(parse(await readFile(files.mapping, 'utf8'))).toEqual(parse(org.mappingYaml))
  const csv = (await readFile(files.businessResults, 'utf8')).trimEnd().split('\n')
  expect(csv[0]).toBe('stream,metric,date,value,unit')
  expect(csv).toHaveLength(org.businessResults.length + 1)
  expect(JSON.parse(await readFile(files.experiments, 'utf8'))).toEqual(org.experiments)
})

test('quoted CSV fields when a value contains a comma or a quote', () => {
  const csv = formatBusinessResultsCsv([
    { stream: 'Payments', metric: 'cost', date: '2024-01-01', value: 5, unit: 'EUR, "net"' },
  ])
  expect(csv.split('\n')[1]).toBe('Payments,cost,2024-01-01,5,"EUR, ""net"""')
})
