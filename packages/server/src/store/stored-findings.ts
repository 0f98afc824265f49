import {
  QUALITY_FLAG_TEXT,
  QUALITY_FLAGS,
  compileMapping,
  computeDataQuality,
  deriveTimelines,
  parseMappingYaml,
  selectItems,
} from '@openvmo/core'
import type { DataQualityReport, QualityFlag } from '@openvmo/core'
import type { Store } from './store'
import { loadMappedDataset } from './mapped-dataset'
import type { FindingsState } from './store-types'

/**
 * The data-quality report of every item of the store as of `asOfMs` with its saved mapping
 * (every item listed), and the mapping version; `undefined` when the store has no mapping (the
 * findings need the mapping's states).
 */
export async function computeStoreFindings(
  store: Store,
  asOfMs: number,
): Promise<{ report: DataQualityReport; mappingVersion: number } | undefined> {
  const current = await store.findCurrentMapping()
  if (!current) return undefined
  const config = parseMappingYaml(current.yaml, `stored mapping v${current.version}`)
  const dataset = await loadMappedDataset(store, config)
  const mapping = compileMapping(config, dataset, { onUnmapped: 'exclude' })
  const timelines = deriveTimelines(dataset, mapping, asOfMs)
  const selection = selectItems(dataset, mapping)
  const report = computeDataQuality({ dataset, mapping, timelines }, selection, Infinity)
  return { report, mappingVersion: current.version }
}

/**
 * Computes the findings of every stored item as of `asOfMs` and stores them per item (replacing
 * the previous ones), at the end of an import (`by` = `import`) or a sync (`sync`). Returns the
 * report, or `undefined` when the store has no mapping (nothing is stored then).
 */
export async function refreshStoredFindings(
  store: Store,
  asOfMs: number,
  by: string,
): Promise<DataQualityReport | undefined> {
  const computed = await computeStoreFindings(store, asOfMs)
  if (!computed) return undefined
  const { report, mappingVersion } = computed
  const state: FindingsState = {
    computedAt: new Date().toISOString(),
    asOf: new Date(asOfMs).toISOString().replace('.000Z', 'Z'),
    mappingVersion,
    dataVersion: await store.dataVersion(),
    itemsChecked: report.itemsChecked,
    by,
  }
  await store.replaceItemFindings(report.items, state)
  return report
}

/**
 * The stored findings as a report, when they are current: computed with the current mapping
 * version at the current data version. `undefined` when they are missing or stale (a mapping
 * saved or data changed since, e.g. an import with `--no-quality`).
 */
export async function readStoredFindings(
  store: Store,
): Promise<{ report: DataQualityReport; state: FindingsState } | undefined> {
  const state = await store.findFindingsState()
  if (!state) return undefined
  const [mapping, dataVersion] = await Promise.all([
    store.findCurrentMapping(),
    store.dataVersion(),
  ])
  if (mapping?.version !== state.mappingVersion || dataVersion !== state.dataVersion)
    return undefined
  const items = (await store.listItemFindings()).map((item) => ({
    ...item,
    flags: item.flags.filter(isQualityFlag),
  }))
  const counts = new Map<QualityFlag, number>()
  for (const item of items)
    for (const flag of item.flags) counts.set(flag, (counts.get(flag) ?? 0) + 1)
  const findings = (Object.keys(QUALITY_FLAGS) as QualityFlag[])
    .filter((flag) => counts.has(flag))
    .map((flag) => ({ flag, items: counts.get(flag) ?? 0, rule: QUALITY_FLAG_TEXT[flag] }))
  const report = {
    itemsChecked: state.itemsChecked,
    itemsWithFindings: items.length,
    findings,
    items,
  }
  return { report, state }
}

/** Whether `name` is a finding this build knows (a newer build's stored names are left out). */
export function isQualityFlag(name: string): name is QualityFlag {
  return Object.hasOwn(QUALITY_FLAGS, name)
}
