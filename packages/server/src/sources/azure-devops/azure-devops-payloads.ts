/**
 * Azure DevOps REST 7.1 payloads as the connector reads them (only the members it uses; Azure
 * DevOps sends more). Shapes follow Microsoft's Swagger for Work Item Tracking
 * (`wit/7.1/workItemTracking.json`) and its examples. Every member is optional: a payload is data
 * to check, not a promise.
 */

/** An identity as work item fields and updates embed it. */
export interface AzureIdentityRef {
  displayName?: string
  uniqueName?: string
  id?: string
}

/** A relation of a work item: `rel` is the link type's reference name, `url` the other end. */
export interface AzureWorkItemRelation {
  rel?: string
  url?: string
  attributes?: { name?: string; isLocked?: boolean; comment?: string }
}

/**
 * A work item (`GET _apis/wit/workitems?ids=…&$expand=relations`): `fields` by reference name
 * (`System.State`, `System.ChangedDate`, `System.AreaPath` …), `relations` with `$expand`.
 */
export interface AzureWorkItem {
  id?: number
  rev?: number
  fields?: Record<string, unknown>
  relations?: AzureWorkItemRelation[] | null
  url?: string
  _links?: { html?: { href?: string } }
}

/** `GET _apis/wit/workitems?ids=…`: `value` holds null for an id omitted by `errorPolicy=omit`. */
export interface AzureWorkItemList {
  count?: number
  value?: (AzureWorkItem | null)[]
}

/** One field's change in an update: `newValue` is absent when the field was cleared. */
export interface AzureFieldChange {
  oldValue?: unknown
  newValue?: unknown
}

/**
 * An update (`GET _apis/wit/workItems/{id}/updates`). `revisedDate` is when the revision was
 * superseded (9999-01-01 on the latest); the time of the change is
 * `fields["System.ChangedDate"].newValue`. Updates that only touch relations carry no fields.
 */
export interface AzureWorkItemUpdate {
  id?: number
  workItemId?: number
  rev?: number
  revisedDate?: string
  fields?: Record<string, AzureFieldChange>
  relations?: {
    added?: AzureWorkItemRelation[]
    removed?: AzureWorkItemRelation[]
    updated?: AzureWorkItemRelation[]
  }
}

/** `{ count, value }`, the list envelope of Azure DevOps. */
export interface AzureList<T> {
  count?: number
  value?: T[]
}

/** `POST _apis/wit/wiql` (a flat query): the ids in the query's order, as of `asOf`. */
export interface AzureWiqlResult {
  queryType?: string
  asOf?: string
  workItems?: { id?: number; url?: string }[]
}

/** A state of a work item type with its category (`GET …/workitemtypes/{type}/states`). */
export interface AzureWorkItemState {
  name?: string
  color?: string
  /** `Proposed`, `InProgress`, `Resolved`, `Completed` or `Removed`. */
  category?: string
}

/** A work item type (`GET {project}/_apis/wit/workitemtypes`). */
export interface AzureWorkItemType {
  name?: string
  referenceName?: string
  isDisabled?: boolean
  states?: AzureWorkItemState[]
}

/** Everything the mapper needs for one work item: the item and every one of its updates. */
export interface AzureItemPayload {
  item: AzureWorkItem
  updates: AzureWorkItemUpdate[]
}

/** The state categories of Azure DevOps processes. */
export const AZURE_STATE_CATEGORIES = [
  'Proposed',
  'InProgress',
  'Resolved',
  'Completed',
  'Removed',
] as const
export type AzureStateCategory = (typeof AZURE_STATE_CATEGORIES)[number]
