import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { WorkItemRecord } from '@openvmo/core'
import { openStore } from '../store/open-store'
import { runCli, writeTempFiles } from '../cli/testing/run-cli'
import { createApp } from './create-app'

const day = (d: number, h = 0) => new Date(Date.UTC(2024, 0, d, h)).toISOString()

/** GitHub-style issues: Open until Closed, the workflow in `status:` labels (1-day waits, n active days). */
function issues(): WorkItemRecord[] {
  return Array.from({ length: 6 }, (_, n) => ({
    source: 'github',
    key: `acme/pay#${n + 1}`,
    project: 'PAY',
    type: 'Story',
    created: day(1 + n),
    status: 'Closed',
    labels: [],
    changes: [
      { at: day(2 + n), field: 'label', from: null, to: 'status: ready' },
      { at: day(3 + n), field: 'label', from: 'status: ready', to: 'status: in progress' },
      { at: day(4 + 2 * n), field: 'label', from: 'status: in progress', to: null },
      { at: day(4 + 2 * n), field: 'status', from: 'Open', to: 'Closed' },
    ],
  }))
}

const MAPPING = `timezone: UTC
flowItems:
  feature: [Story]
states:
  new: [Open]
  waiting: [ready]
  active: [in progress]
  done: [Closed]
valueStreams:
  - name: Payments
    match: { project: PAY }
`
const WITH_LABELS = `${MAPPING}labelStates: { prefix: "status:" }\n`
const QUERY = 'from=2024-01-01&to=2024-02-05&period=week&asOf=2024-02-01T00:00:00Z'

interface Figures {
  flowTime: { p50: number } | null
  flowEfficiency: { pooled: number | null }
  velocity: { total: number }
}

describe('labels as states through the API and the CLI', () => {
  test('the preview shows what label states change, the save applies them, the CLI agrees', async () => {
    const dir = writeTempFiles({ 'labels.yaml': WITH_LABELS, 'plain.yaml': MAPPING })
    const db = join(dir, 'openvmo.db')
    const store = await openStore({ db })
    let apiTotal: Figures | undefined
    try {
      await store.importRecords(issues())
      await store.saveMappingVersion(MAPPING)
      const app = createApp({
        store,
        loopback: true,
        clock: () => Date.parse('2024-02-01T00:00:00Z'),
      })
      const preview = (await (
        await app.request(`/api/v1/mapping/preview?${QUERY}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ yaml: WITH_LABELS }),
        })
      ).json()) as {
        valid: boolean
        streams: { stream: string; before: Figures; after: Figures }[]
        findings: { flag: string; before: number; after: number }[]
      }
      expect(preview.valid).toBe(true)
      const payments = preview.streams.find((s) => s.stream === 'Payments')
      // recorded: Open then Closed, done without a start (flow time 0)
      expect(payments?.before.flowTime?.p50).toBe(0)
      // from the labels: started at "ready", each issue 2 + 2n - 1 days from ready to closed
      expect(payments?.after.flowTime?.p50).toBeGreaterThan(1)
      expect(payments?.after.velocity.total).toBe(6)
      const dws = preview.findings.find((f) => f.flag === 'done_without_start')
      expect([dws?.before, dws?.after]).toEqual([6, 0])
      const etag = (await app.request('/api/v1/mapping')).headers.get('ETag') ?? ''
      const saved = await app.request('/api/v1/mapping', {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'If-Match': etag },
        body: JSON.stringify({ yaml: WITH_LABELS }),
      })
      expect(saved.status).toBe(200)
      const metrics = (await (
        await app.request(`/api/v1/metrics?${QUERY}&stream=Payments`)
      ).json()) as { total: Figures }
      expect(metrics.total).toEqual(payments?.after)
      apiTotal = metrics.total
    } finally {
      await store.close()
    }
    const cli = await runCli([
      'metrics',
      '--db',
      db,
      '--stream',
      'Payments',
      '--json',
      '--from',
      '2024-01-01',
      '--to',
      '2024-02-05',
      '--period',
      'week',
      '--as-of',
      '2024-02-01T00:00:00Z',
    ])
    expect(cli.code, cli.stderr).toBe(0)
    const fromCli = JSON.parse(cli.stdout) as { total: Figures }
    expect(fromCli.total).toEqual(apiTotal)
  })
})
