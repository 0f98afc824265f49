import { VmoError } from '@openvmo/core'
import type { PulledItem } from '../connector'
import type { ServiceNowClient } from './servicenow-client'
import type { ServiceNowConnectorConfig } from './servicenow-connector-config'
import { ServiceNowHistoryReader } from './servicenow-history'
import { keyOfRecord } from './servicenow-keys'
import { SERVICENOW_FIELDS, serviceNowItemToRecord } from './servicenow-mapper'
import type { ServiceNowItemPayload, ServiceNowRecord } from './servicenow-payloads'
import { readTablePage } from './servicenow-table'
import type { ServiceNowRows } from './servicenow-table'

/**
 * Reads pages of records (`sysparm_display_value=all`, only {@link SERVICENOW_FIELDS}) and their
 * state histories, one batched history read per page, and maps them to records.
 */
export class ServiceNowItemReader {
  readonly #client: ServiceNowClient
  readonly #config: ServiceNowConnectorConfig
  readonly history: ServiceNowHistoryReader

  constructor(client: ServiceNowClient, config: ServiceNowConnectorConfig) {
    this.#client = client
    this.#config = config
    this.history = new ServiceNowHistoryReader(client, {
      pageSize: config.pageSize,
      historySetsOnly: config.history === 'history_set',
    })
  }

  /** One page of `table`'s records matching the encoded `query`. */
  readRecords(
    at: { table: string; query: string; offset: number; limit?: number },
    signal?: AbortSignal,
  ): Promise<ServiceNowRows<ServiceNowRecord>> {
    return readTablePage<ServiceNowRecord>(
      this.#client,
      {
        table: at.table,
        query: at.query,
        fields: SERVICENOW_FIELDS,
        offset: at.offset,
        limit: at.limit ?? this.#config.pageSize,
        displayValue: 'all',
        noCount: at.offset > 0,
      },
      signal,
    )
  }

  /** The records with their histories, in the order given. */
  async readItems(
    table: string,
    records: readonly ServiceNowRecord[],
    signal?: AbortSignal,
  ): Promise<PulledItem[]> {
    const ids = records.map((record) => ({
      sysId: record.sys_id?.value ?? '',
      updated: Number(record.sys_mod_count?.value ?? 0) > 0,
    }))
    const [history, stateLabels] = await Promise.all([
      this.history.readPage(
        table,
        ids.filter((r) => r.sysId !== ''),
        signal,
      ),
      this.history.stateLabels(table, signal),
    ])
    return records.map((record) => {
      const payload: ServiceNowItemPayload = {
        table,
        record,
        stateChanges: history.byRecord.get(record.sys_id?.value ?? '') ?? [],
        historyFrom: history.from,
        stateLabels,
      }
      return this.toPulledItem(payload)
    })
  }

  /** The record of a payload; CONNECTOR_BAD_RESPONSE when ServiceNow sent one it cannot map. */
  toPulledItem(payload: ServiceNowItemPayload): PulledItem {
    const result = serviceNowItemToRecord(payload, {
      source: this.#client.sourceName,
      instanceUrl: this.#client.instanceUrl,
      links: this.#config.links,
    })
    if (!result.ok) {
      const which = keyOfRecord(payload.table, payload.record as never) ?? payload.table
      throw new VmoError(
        'CONNECTOR_BAD_RESPONSE',
        `servicenow source "${this.#client.sourceName}": ${which} cannot be read: ${result.reason}`,
        { details: { source: this.#client.sourceName } },
      )
    }
    return { record: result.record, raw: payload }
  }
}
