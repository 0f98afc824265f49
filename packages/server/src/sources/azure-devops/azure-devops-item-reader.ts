import { VmoError } from '@openvmo/core'
import type { PulledItem } from '../connector'
import type { AzureDevOpsClient } from './azure-devops-client'
import type { AzureDevOpsConnectorConfig } from './azure-devops-connector-config'
import { azureItemToRecord } from './azure-devops-mapper'
import type {
  AzureItemPayload,
  AzureList,
  AzureWorkItem,
  AzureWorkItemList,
  AzureWorkItemUpdate,
} from './azure-devops-payloads'

/**
 * Reads work items in batches (`GET _apis/wit/workitems?ids=…&$expand=relations`, gone ids
 * omitted) with every page of their updates (`$top`/`$skip`), and maps them to records.
 */
export class AzureItemReader {
  readonly #client: AzureDevOpsClient
  readonly #sourceName: string
  readonly #config: AzureDevOpsConnectorConfig

  constructor(at: {
    client: AzureDevOpsClient
    sourceName: string
    config: AzureDevOpsConnectorConfig
  }) {
    this.#client = at.client
    this.#sourceName = at.sourceName
    this.#config = at.config
  }

  /** The work items of `ids` (at most the batch size) that still exist, in the order given. */
  async readWorkItems(ids: readonly number[], signal?: AbortSignal): Promise<AzureWorkItem[]> {
    if (ids.length === 0) return []
    const path = `/_apis/wit/workitems?ids=${ids.join(',')}&$expand=relations&errorPolicy=omit`
    const list = await this.#client.get<AzureWorkItemList>(path, signal)
    if (!Array.isArray(list?.value)) throw this.#notList('GET /_apis/wit/workitems')
    return list.value.filter(
      (item): item is AzureWorkItem => typeof item === 'object' && item !== null,
    )
  }

  /** Every update of a work item, page by page. */
  async readUpdates(id: number, signal?: AbortSignal): Promise<AzureWorkItemUpdate[]> {
    const top = this.#config.updatesPageSize
    const all: AzureWorkItemUpdate[] = []
    for (let skip = 0; ; skip += top) {
      const path = `/_apis/wit/workItems/${id}/updates?$top=${top}&$skip=${skip}`
      const page = await this.#client.get<AzureList<AzureWorkItemUpdate>>(path, signal)
      if (!Array.isArray(page?.value)) throw this.#notList(`GET /_apis/wit/workItems/${id}/updates`)
      all.push(...page.value)
      if (page.value.length < top) return all
    }
  }

  /** The work items of `ids` with their histories, as pulled items (gone ones left out). */
  async readItems(ids: readonly number[], signal?: AbortSignal): Promise<PulledItem[]> {
    const items = await this.readWorkItems(ids, signal)
    const payloads = await Promise.all(
      items.map(async (item) => {
        if (!Number.isInteger(item.id)) throw this.#badItem(item, 'the work item has no id')
        return { item, updates: await this.readUpdates(item.id as number, signal) }
      }),
    )
    return payloads.map((payload) => this.toPulledItem(payload))
  }

  /** The record of a payload; CONNECTOR_BAD_RESPONSE when it cannot be mapped. */
  toPulledItem(payload: AzureItemPayload): PulledItem {
    const result = azureItemToRecord(payload, { source: this.#sourceName })
    if (!result.ok) throw this.#badItem(payload.item, result.reason)
    return { record: result.record, raw: payload }
  }

  #badItem(item: AzureWorkItem, reason: string): VmoError {
    return new VmoError(
      'CONNECTOR_BAD_RESPONSE',
      `azure_devops source "${this.#sourceName}": work item ${String(item?.id)} cannot be read: ${reason}`,
      { details: { source: this.#sourceName } },
    )
  }

  #notList(request: string): VmoError {
    return new VmoError(
      'CONNECTOR_BAD_RESPONSE',
      `azure_devops source "${this.#sourceName}": ${request} answered something that is not a list`,
      { details: { source: this.#sourceName } },
    )
  }
}
