import { applyLabelStates, createFlowDatasetBuilder, parseMappingYaml } from '@openvmo/core'
import type { FlowDataset, MappingConfig } from '@openvmo/core'
import type { ItemStore } from './store'

/**
 * The dataset a mapping reads: the store's packed dataset, or, when the mapping takes states
 * from labels (`labelStates`), one built from every stored record with its status history taken
 * from its label history (slower: the whole history is read).
 */
export async function loadMappedDataset(
  store: Pick<ItemStore, 'loadFlowDataset' | 'streamRecords'>,
  config: MappingConfig | undefined,
): Promise<FlowDataset> {
  if (config?.labelStates === undefined) return store.loadFlowDataset()
  const builder = createFlowDatasetBuilder()
  for await (const record of store.streamRecords()) builder.add(applyLabelStates(record, config))
  return builder.build()
}

/** The `labelStates` of a mapping text as a comparable key ('' when none or it does not parse). */
export function labelStatesKey(yaml: string): string {
  try {
    const config = parseMappingYaml(yaml, 'openvmo.yaml')
    return config.labelStates ? JSON.stringify(config.labelStates) : ''
  } catch {
    return ''
  }
}

/** The parsed mapping text, or undefined when there is none or it does not parse. */
export function parsedOrUndefined(yaml: string | undefined): MappingConfig | undefined {
  if (!yaml) return undefined
  try {
    return parseMappingYaml(yaml, 'openvmo.yaml')
  } catch {
    return undefined
  }
}
