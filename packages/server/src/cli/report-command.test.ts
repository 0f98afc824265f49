import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { makeWorkItem } from '@openvmo/core'
import { runCli, writeHistoryFixture } from './testing/run-cli'

const day = (d: number) => {
  const date = new Date(Date.UTC(2024, 2, 1) + (d - 1) * 86_400_000)
  return `${date.toISOString().slice(0, 10)}T09:00:00Z`
}
const HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
// Thirty completed items over two months, some still in progress (one with a hostile title).
const records = [
  ...Array.from({ length: 30 }, (_, i) =>
    makeWorkItem({
      key: `PAY-${i + 1}`,
      type: i % 4 === 0 ? 'Bug' : 'Story',
      created: day(1 + i),
      path: [
        [day(2 + i), 'In Progress'],
        [day(4 + i + (i % 5)), 'Done'],
      ],
    }),
  ),
  makeWorkItem({
    key: 'PAY-90',
    title: HOSTILE,
    created: day(20),
    path: [[day(25), 'In Progress']],
  }),
  makeWorkItem({ key: 'PAY-91', created: day(40), path: [[day(41), 'In Progress']] }),
]
const RANGE = ['--from', '2024-03-04', '--to', '2024-05-06', '--as-of', '2024-05-01T00:00:00Z']

function fixture() {
  const files = writeHistoryFixture(records)
  return { ...files, input: ['--input', files.history, '--config', files.config, ...RANGE] }
}

const readJson = (dir: string, name: string) =>
  JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>

describe('vmo report', () => {
  test('writes every part of the analysis, its metrics equal to vmo metrics --json', async () => {
    const { dir, input } = fixture()
    const out = join(dir, 'report')
    const { code, stdout, stderr } = await runCli(['report', ...input, '--out', out])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toContain(join(out, 'index.html'))
    expect(readdirSync(out).sort()).toEqual(
      [
        'index.html',
        ...['metrics', 'cfd', 'time-in-state', 'aging', 'flow-times', 'throughput'].flatMap(
          (name) => [`${name}.json`, `${name}.csv`],
        ),
        'littles-law.json',
        'data-quality.json',
        'forecast-when.json',
        'forecast-how-many.json',
      ].sort(),
    )
    const metrics = await runCli(['metrics', ...input, '--json'])
    expect(readJson(out, 'metrics.json')).toEqual(JSON.parse(metrics.stdout))
    const csv = await runCli(['metrics', ...input, '--csv'])
    expect(readFileSync(join(out, 'metrics.csv'), 'utf8')).toBe(csv.stdout)

    const flowTimes = readJson(out, 'flow-times.json') as { points: unknown[] }
    expect(flowTimes.points).toHaveLength(30)
    const aging = readJson(out, 'aging.json') as { items: { key: string }[] }
    expect(aging.items.map((a) => a.key).sort()).toEqual(['PAY-90', 'PAY-91'])
    const when = readJson(out, 'forecast-when.json') as { items: number; backtest: unknown }
    expect(when.items).toBe(100)
    expect(when.backtest).toBeDefined()
    expect(readJson(out, 'littles-law.json')).toHaveProperty('littlesLaw')
  })

  test('draws the charts as inline SVG and escapes every value from the data', async () => {
    const { dir, input } = fixture()
    const out = join(dir, 'report')
    expect((await runCli(['report', ...input, '--out', out])).code).toBe(0)
    const page = readFileSync(join(out, 'index.html'), 'utf8')
    expect(page.match(/<svg/g)?.length).toBeGreaterThanOrEqual(8)
    expect(page).not.toContain('<script')
    expect(page).not.toContain('<img')
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img')
  })

  test('--no-charts writes the data only', async () => {
    const { dir, input } = fixture()
    const out = join(dir, 'data')
    expect((await runCli(['report', ...input, '--out', out, '--no-charts'])).code).toBe(0)
    expect(readdirSync(out)).not.toContain('index.html')
    expect(readdirSync(out)).toContain('cfd.csv')
  })

  test('bad input stops before anything is written', async () => {
    const { dir, input } = fixture()
    const out = join(dir, 'never')
    const custom = await runCli(['report', ...input, '--period', 'custom', '--out', out])
    expect(custom.code).toBe(2)
    expect(custom.stderr).toContain('--period custom')
    const items = await runCli(['report', ...input, '--items', 'many', '--out', out])
    expect(items.code).toBe(2)
    expect(items.stderr).toContain('--items "many"')
    const date = await runCli(['report', ...input, '--date', '2024-13-45', '--out', out])
    expect(date.code).toBe(2)
    expect(existsSync(out)).toBe(false)
    expect((await runCli(['report', ...input])).code).toBe(2) // --out is required
  })
})
