import { describe, expect, test } from 'vitest'
import { makeWorkItem } from '@openvmo/core'
import { runCli, writeHistoryFixture } from './testing/run-cli'

const at = (day: number) => Date.UTC(2024, 0, day, 10)

/** `n` items done `gapMs` apart from `startMs`, created on Jan 1. */
function finished(prefix: string, n: number, [startMs, gapMs]: [number, number]) {
  return Array.from({ length: n }, (_, k) =>
    makeWorkItem({
      key: `${prefix}-${k}`,
      created: new Date(at(1)).toISOString(),
      path: [
        [new Date(at(1)).toISOString(), 'In Progress'],
        [new Date(startMs + k * gapMs).toISOString(), 'Done'],
      ],
    }),
  )
}

// 2 items a day from Jan 2 to Jan 21, then 12 closed 20 seconds apart on Jan 25.
const records = [
  ...Array.from({ length: 20 }, (_, d) => finished(`N${d}`, 2, [at(2 + d), 3_600_000])).flat(),
  ...finished('B', 12, [at(25), 20_000]),
]

describe('vmo forecast and bulk closes', () => {
  test('warns that a bulk close in the throughput sample inflates the forecast', async () => {
    const { history, config } = writeHistoryFixture(records)
    const args = ['forecast', 'when', '--items', '10', '--input', history, '--config', config]
    const text = await runCli([...args, '--as-of', '2024-03-01'])
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(
      /warning: 12 of the 52 completions in the throughput sample were closed in bulk \(12 on 2024-01-25\): they inflate throughput/,
    )
    const json = await runCli([...args, '--as-of', '2024-03-01', '--json'])
    const warnings = (JSON.parse(json.stdout) as { warnings: { code: string }[] }).warnings
    expect(warnings.map((w) => w.code)).toContain('bulk_close_in_sample')
  })

  test('says nothing of bulk closes at an as-of time before the burst', async () => {
    const { history, config } = writeHistoryFixture(records)
    const args = ['forecast', 'when', '--items', '10', '--input', history, '--config', config]
    const { code, stdout } = await runCli([...args, '--as-of', '2024-01-24'])
    expect(code).toBe(0)
    expect(stdout).not.toMatch(/closed in bulk/)
  })
})
