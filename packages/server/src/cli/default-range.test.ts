import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { createApp } from '../api/create-app'
import { TEST_MAPPING_YAML, TEST_NOW, testRecords } from '../api/api-test-fixture'
import { openStore } from '../store/open-store'
import { runCli } from './testing/run-cli'

const AS_OF = '2024-03-20T12:00:00Z'

describe('the default range and period', () => {
  test.each([undefined, 'day', 'week', 'month', 'quarter', 'year'])(
    'vmo metrics and GET /api/v1/metrics cover the same range for period %s',
    async (period) => {
      const db = join(mkdtempSync(join(tmpdir(), 'vmo-range-')), 'openvmo.db')
      const store = await openStore({ db })
      try {
        await store.importRecords(testRecords())
        await store.saveMappingVersion(TEST_MAPPING_YAML)
        const app = createApp({ store, clock: () => TEST_NOW })
        const query = new URLSearchParams({ asOf: AS_OF, ...(period ? { period } : {}) })
        const response = await app.request(`/api/v1/metrics?${query}`)
        expect(response.status).toBe(200)
        const api = (await response.json()) as { period: string; from: string; to: string }
        const flags = period ? ['--period', period] : []
        const cli = await runCli(['metrics', '--db', db, '--as-of', AS_OF, '--json', ...flags])
        expect(cli.stderr).toBe('')
        const report = JSON.parse(cli.stdout) as { period: string; from: string; to: string }
        expect([report.period, report.from, report.to]).toEqual([api.period, api.from, api.to])
      } finally {
        await store.close()
      }
    },
  )

  test('the default is 12 whole weeks up to the week of the as-of date, in both', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'vmo-range-')), 'openvmo.db')
    const store = await openStore({ db })
    await store.importRecords(testRecords())
    await store.saveMappingVersion(TEST_MAPPING_YAML)
    await store.close()
    const cli = await runCli(['metrics', '--db', db, '--as-of', AS_OF, '--json'])
    const report = JSON.parse(cli.stdout) as { period: string; from: string; to: string }
    // 2024-03-20 is a Wednesday: its week is 03-18 to 03-25
    expect(report).toMatchObject({ period: 'week', from: '2024-01-01', to: '2024-03-25' })
  })
})
