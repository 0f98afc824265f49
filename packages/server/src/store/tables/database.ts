import type {
  ApiTokenTable,
  AuditLogTable,
  SessionTable,
  UserIdentityTable,
  UserStreamRoleTable,
  UserTable,
} from './account.table'
import type {
  BusinessResultDefinitionTable,
  BusinessResultTable,
  ExperimentTable,
  MappingVersionTable,
  ModelEntityTable,
} from './model.table'
import type {
  DeletedItemTable,
  RawPayloadTable,
  ScopeTable,
  SourceTable,
  SyncLeaseTable,
} from './source.table'
import type { MetaTable, SyncCursorTable, SyncRunTable } from './sync.table'
import type {
  FlowValueTable,
  ItemFindingsTable,
  WorkItemHistoryTable,
  WorkItemLinkTable,
  WorkItemTable,
} from './work-item.table'

/** Every table of the store, as Kysely sees it (columns snake_case). */
export interface Database {
  openvmo_meta: MetaTable
  sources: SourceTable
  scopes: ScopeTable
  work_items: WorkItemTable
  work_item_histories: WorkItemHistoryTable
  work_item_links: WorkItemLinkTable
  flow_values: FlowValueTable
  raw_payloads: RawPayloadTable
  mapping_versions: MappingVersionTable
  value_streams: ModelEntityTable
  products: ModelEntityTable
  teams: ModelEntityTable
  business_results: BusinessResultTable
  business_result_definitions: BusinessResultDefinitionTable
  experiments: ExperimentTable
  sync_runs: SyncRunTable
  sync_cursors: SyncCursorTable
  sync_leases: SyncLeaseTable
  deleted_items: DeletedItemTable
  item_findings: ItemFindingsTable
  users: UserTable
  user_stream_roles: UserStreamRoleTable
  sessions: SessionTable
  api_tokens: ApiTokenTable
  audit_log: AuditLogTable
  user_identities: UserIdentityTable
}
