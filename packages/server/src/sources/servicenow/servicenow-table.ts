import { VmoError, isVmoError } from '@openvmo/core'
import type { ServiceNowAnswer, ServiceNowClient } from './servicenow-client'

/** One page request of a table: its encoded query, fields and window. */
export interface ServiceNowPageRequest {
  table: string
  /** An encoded query (`documentkeyIN…^ORDERBYsys_created_on`). */
  query: string
  fields: readonly string[]
  offset: number
  limit: number
  /** `all` for references' and choices' display values; default `false` (stored values). */
  displayValue?: 'all' | 'false'
  /** Leave out `X-Total-Count` (saves the instance a count). */
  noCount?: boolean
}

/** A page of rows and whether another follows (a full page without `Link`, or `rel="next"`). */
export interface ServiceNowRows<T> {
  rows: T[]
  total?: number
  more: boolean
}

/** GETs one page of `/api/now/table/{table}`; CONNECTOR_BAD_RESPONSE unless `result` is a list. */
export async function readTablePage<T>(
  client: ServiceNowClient,
  request: ServiceNowPageRequest,
  signal?: AbortSignal,
): Promise<ServiceNowRows<T>> {
  const path = `/api/now/table/${request.table}`
  const answer: ServiceNowAnswer<{ result?: unknown }> = await client.get(
    path,
    {
      sysparm_query: request.query,
      sysparm_fields: request.fields.join(','),
      sysparm_offset: String(request.offset),
      sysparm_limit: String(request.limit),
      sysparm_display_value: request.displayValue ?? 'false',
      sysparm_exclude_reference_link: 'true',
      ...(request.noCount ? { sysparm_no_count: 'true' } : {}),
    },
    signal,
  )
  const rows = answer.body?.result
  if (!Array.isArray(rows)) {
    throw new VmoError(
      'CONNECTOR_BAD_RESPONSE',
      `servicenow source "${client.sourceName}": GET ${path} answered without a result list`,
      { details: { source: client.sourceName } },
    )
  }
  const full = rows.length === request.limit
  const beyond = answer.total === undefined || request.offset + rows.length < answer.total
  return { rows: rows as T[], total: answer.total, more: full && (answer.hasNext || beyond) }
}

/** Every row of a query, page after page (for audit rows, history lines and choices). */
export async function readAllRows<T>(
  client: ServiceNowClient,
  request: Omit<ServiceNowPageRequest, 'offset'>,
  signal?: AbortSignal,
): Promise<T[]> {
  const all: T[] = []
  for (let offset = 0; ; offset += request.limit) {
    const page = await readTablePage<T>(client, { ...request, offset, noCount: true }, signal)
    all.push(...page.rows)
    if (!page.more) return all
  }
}

/** `undefined` when `promise` fails with a 403 (the user may not read that table), else its value. */
export async function unlessForbidden<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise
  } catch (error) {
    if (isVmoError(error, 'CONNECTOR_AUTH_FAILED') && error.details?.status === 403) {
      return undefined
    }
    throw error
  }
}
