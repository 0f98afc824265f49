import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import {
  compileMapping,
  computeFlowMetricsReport,
  deriveTimelines,
  formatHistoryLine,
  parseMappingYaml,
} from '@openvmo/core'
import type { FlowDataset, FlowMetricsReport } from '@openvmo/core'
import { generateHistories } from '../demo/generate-histories'
import { loadFlowDataset } from '../sources/ndjson/load-flow-dataset'
import type { StoreContractTarget } from './testing/store-contract'
import { createPostgresTarget, createSqliteTarget } from './testing/store-test-targets'
import { BENCH_MAPPING_YAML } from '../demo/bench-mapping'

const AS_OF = Date.parse('2025-01-01T00:00:00Z')

function metricsReport(dataset: FlowDataset): FlowMetricsReport {
  const mapping = compileMapping(parseMappingYaml(BENCH_MAPPING_YAML, 'parity.yaml'), dataset)
  const timelines = deriveTimelines(dataset, mapping, AS_OF)
  return computeFlowMetricsReport(
    { dataset, mapping, timelines },
    { from: '2024-01-01', to: '2025-01-01', period: 'month' },
  )
}

const targets: [string, () => Promise<StoreContractTarget>][] = [
  ['sqlite', createSqliteTarget],
  ['postgres', createPostgresTarget],
]

describe.each(targets)('%s store', (_name, createTarget) => {
  test('computes the same flow metrics as the file path when both hold the same records', async () => {
    const startMs = Date.parse('2024-01-01T00:00:00Z')
    const records = [...generateHistories({ items: 600, seed: 11, startMs, years: 1 })]
    const dir = mkdtempSync(join(tmpdir(), 'openvmo-parity-'))
    const target = await createTarget()
    const store = await target.open()
    try {
      const file = join(dir, 'history.ndjson')
      writeFileSync(file, records.map((r) => formatHistoryLine(r) + '\n').join(''))
      const fromFile = metricsReport((await loadFlowDataset(file)).dataset)
      await store.importRecords(records)
      const fromStore = metricsReport(await store.loadFlowDataset())
      expect(fromFile.total.velocity.total).toBeGreaterThan(100)
      expect(fromStore).toEqual(fromFile)
    } finally {
      await store.close()
      await target.dispose()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
