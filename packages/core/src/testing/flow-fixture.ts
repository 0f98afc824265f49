import type { WorkItemRecord } from '../model/work-item-record'
import type { MappingConfig } from '../mapping/mapping-config'
import { createFlowDataset } from '../model/flow-dataset'
import { compileMapping } from '../mapping/compile-mapping'
import { deriveTimelines } from '../engine/timelines'
import type { FlowInput } from '../metrics/flow-metrics-report'
import { parseInstant } from '../time/instant'
import { TEST_MAPPING } from './make-work-item'

/** Builds the engine input for `records` as of `asOf` (ISO instant) with `mapping` (default TEST_MAPPING). */
export function createFlowFixture(
  records: readonly WorkItemRecord[],
  asOf: string,
  mapping: MappingConfig = TEST_MAPPING,
): FlowInput {
  const dataset = createFlowDataset(records)
  const compiled = compileMapping(mapping, dataset)
  return {
    dataset,
    mapping: compiled,
    timelines: deriveTimelines(dataset, compiled, parseInstant(asOf)),
  }
}

/** Index of the item with `key` in a fixture's dataset. */
export function itemIndex(input: FlowInput, key: string): number {
  const i = input.dataset.itemKey.indexOf(key)
  if (i < 0) throw new Error(`no item "${key}" in the fixture`)
  return i
}
