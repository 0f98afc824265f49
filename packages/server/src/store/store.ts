import type { FlowDataset, ResultDefinition, WorkItemRecord } from '@openvmo/core'
import type {
  BusinessResultPoint,
  StoreImportOptions,
  StoreImportResult,
  ItemLink,
  StoredLink,
  MappingSaveOptions,
  MappingVersion,
  ModelEntity,
  OrganisationModel,
  RawPayloadInput,
  RecordFilter,
  FindingsState,
  ItemFindings,
  SourceDefinition,
  SourceInfo,
  SyncLease,
  SyncOutcome,
  SyncRun,
} from './store-types'

import type {
  ApiTokenRecord,
  AuditEntry,
  AuditEntryInput,
  AuditFilter,
  NewUser,
  SessionRecord,
  StreamGrant,
  StreamRoleName,
  UserAccount,
  UserChange,
} from './account-types'

/** Which database a store runs on. */
export type StoreDialectName = 'sqlite' | 'postgres'

/** The store itself: which database, its schema, the version readers compare, closing. */
export interface StoreAdmin {
  readonly dialect: StoreDialectName
  /** Runs pending migrations; refuses (`STORE_VERSION_UNSUPPORTED`) a store from a newer build. */
  migrate(): Promise<number>
  /**
   * A counter that grows with every write that changes what metrics see: an import that inserted
   * or changed items, a deletion, a model or business-results replacement, a finished sync.
   * Mapping saves are versioned separately (`findCurrentMapping`). Instances compare it to know
   * when to reload.
   */
  dataVersion(): Promise<number>
  close(): Promise<void>
}

/** Work items with their histories and links. */
export interface ItemStore {
  /**
   * Upserts records by (source, key) in ONE transaction: all are stored or, when the iterable
   * throws or a record is invalid, none (the store is exactly as before). A record identical to
   * the stored one (same content hash) is `unchanged` and not rewritten, so importing twice
   * changes nothing. Sources are created on first sight.
   */
  importRecords(
    records: AsyncIterable<WorkItemRecord> | Iterable<WorkItemRecord>,
    options?: StoreImportOptions,
  ): Promise<StoreImportResult>
  /** Records ordered by source, then key (byte order), each exactly as imported. */
  streamRecords(filter?: RecordFilter): AsyncIterable<WorkItemRecord>
  /** The engine's dataset of the selected items, in the order they were first stored. */
  loadFlowDataset(filter?: RecordFilter): Promise<FlowDataset>
  /** Links of an item in both directions, across sources (outgoing first, in recorded order). */
  listLinks(source: string, key: string): Promise<ItemLink[]>
  /** Every link of every item (one row per recorded link), by source, key and recorded order. */
  listAllLinks(): Promise<StoredLink[]>
  countItems(): Promise<{ items: number; changes: number; links: number }>
  /** Every stored item's (source, key): what cross-source mentions may point at. */
  listItemKeys(): Promise<{ source: string; key: string }[]>
  /**
   * Removes items the source no longer has, in one transaction (history, links and raw payload
   * with them), keeping a tombstone with the scope and reason; returns how many were stored.
   */
  deleteItems(
    source: string,
    at: { keys: readonly string[]; scope: string | null; reason: string },
  ): Promise<number>
}

/** The mapping file, versioned. */
export interface MappingStore {
  /**
   * Saves the mapping file as a new version; saving the current text again returns the current
   * version (whatever `expectedVersion` says). With `expectedVersion`, the save is conditional:
   * `CONFLICT` unless that is still the current version (see {@link MappingSaveOptions}).
   */
  saveMappingVersion(yaml: string, options?: MappingSaveOptions): Promise<number>
  findCurrentMapping(): Promise<MappingVersion | undefined>
  /** One saved version; throws `NOT_FOUND` for an unknown version. */
  getMappingVersion(version: number): Promise<MappingVersion>
}

/** The organisation model and business results. */
export interface ModelStore {
  replaceModel(model: OrganisationModel): Promise<void>
  listValueStreams(): Promise<ModelEntity[]>
  listProducts(): Promise<ModelEntity[]>
  listTeams(): Promise<ModelEntity[]>
  /** Replaces every series of the streams named in `points` (other streams are kept). */
  replaceBusinessResults(points: readonly BusinessResultPoint[]): Promise<void>
  /** A stream's points ordered by metric, then date. */
  listBusinessResults(stream: string): Promise<BusinessResultPoint[]>
  /**
   * Upserts points by (stream, metric, date) in one transaction: all or none (`INVALID_INPUT`
   * for a bad date, a non-finite value or a date twice in the batch, before any write).
   */
  upsertBusinessResults(
    points: readonly BusinessResultPoint[],
  ): Promise<{ inserted: number; updated: number }>
  /**
   * Creates or replaces what a stream wants of a result (checked; `INVALID_INPUT` for a unit
   * change of a series that has points). `atIso` is when, for `updated_at`.
   */
  saveResultDefinition(definition: ResultDefinition, atIso: string): Promise<void>
  /** Definitions of one stream or of all, by stream then metric. */
  listResultDefinitions(stream?: string): Promise<ResultDefinition[]>
}

/** What live sync keeps: sources and scopes, leases, runs, cursors, raw payloads, the census. */
export interface SyncStateStore {
  /** Sources by name, with scopes and item counts (imported and synced ones alike). */
  listSources(): Promise<SourceInfo[]>
  /** Creates or replaces a synced source's definition (kind, config, secret, scopes). */
  saveSource(source: SourceDefinition): Promise<void>
  /** A synced source's definition; undefined for an unknown or only-imported source. */
  findSource(name: string): Promise<SourceDefinition | undefined>
  /** Removes a source with everything of it in one transaction; returns its item count. */
  removeSource(name: string): Promise<number>
  /**
   * Takes (or renews) the sync lease of a source until `nowMs + ttlMs`; at most one holder at a
   * time across processes (the database decides). `replacing` takes it over from a holder known
   * to be gone (a killed process). Returns whether `owner` holds it now.
   */
  acquireLease(
    source: string,
    at: { owner: string; nowMs: number; ttlMs: number; replacing?: string },
  ): Promise<{ acquired: boolean; holder: SyncLease }>
  releaseLease(source: string, owner: string): Promise<void>
  /** Records the start of a sync of `source` (created when unknown); returns the run id. */
  startSyncRun(source: string): Promise<number>
  finishSyncRun(
    id: number,
    outcome: Exclude<SyncOutcome, 'running'>,
    details?: Record<string, unknown>,
  ): Promise<void>
  /** Runs of a source, newest first. */
  listSyncRuns(source: string): Promise<SyncRun[]>
  findCursor(source: string, scope: string): Promise<string | undefined>
  setCursor(source: string, scope: string, cursor: string): Promise<void>
  /** Keeps a page's raw payloads (replacing older ones) with the scope that delivered them. */
  putRawPayloads(
    source: string,
    scope: string | null,
    items: readonly RawPayloadInput[],
  ): Promise<void>
  findRawPayload(source: string, key: string): Promise<unknown>
  /** The keys the sync of `scope` delivered (the stored side of the census). */
  listScopeKeys(source: string, scope: string): Promise<string[]>
  /** Notes when the census of a scope last ran. */
  markReconciled(source: string, scope: string, atMs: number): Promise<void>
}

/**
 * The data-quality findings of every item, as of the end of the last import or sync: what
 * `vmo validate --db`, an item's API answer and the dashboard read per item.
 */
export interface FindingsStore {
  /**
   * Replaces every stored finding and their state in one transaction (items without findings
   * have none). Not a data change: the data version stays.
   */
  replaceItemFindings(findings: readonly ItemFindings[], state: FindingsState): Promise<void>
  /** Stored findings by source, then key (byte order); one source's or one item's when asked. */
  listItemFindings(filter?: { source?: string; key?: string }): Promise<ItemFindings[]>
  /** When and how the stored findings were computed; undefined when never. */
  findFindingsState(): Promise<FindingsState | undefined>
}

/**
 * Local accounts, their roles per value stream, sessions and API tokens. Sessions and tokens are
 * found by the sha256 of their secret: the secrets themselves are never stored.
 */
export interface AccountStore {
  /** Stores a new account; `CONFLICT` when the name is taken. */
  createUser(user: NewUser): Promise<UserAccount>
  findUser(by: { id: string } | { name: string }): Promise<UserAccount | undefined>
  /** Every account (disabled ones too), by name. */
  listUsers(): Promise<UserAccount[]>
  /** Changes the given fields and `updatedAt` (= `at`); `NOT_FOUND` for an unknown id. */
  updateUser(id: string, change: UserChange, at: string): Promise<UserAccount>
  /** Whether any account exists that is not disabled (then the server needs sign-in). */
  hasEnabledUsers(): Promise<boolean>
  /** Sets a user's role on a value stream; null removes it. */
  setStreamRole(userId: string, streamId: string, role: StreamRoleName | null): Promise<void>
  listStreamRoles(userId: string): Promise<StreamGrant[]>
  /** Replaces all of a user's roles on value streams at once (sign-in through a provider). */
  replaceStreamRoles(userId: string, grants: readonly StreamGrant[]): Promise<void>
  /** The account an OpenID provider's user (issuer and subject) is linked to, or undefined. */
  findUserByIdentity(identity: {
    issuer: string
    subject: string
  }): Promise<UserAccount | undefined>
  /** Links an OpenID provider's user to an account; a pair already linked is refused. */
  linkIdentity(link: { issuer: string; subject: string; userId: string; at: string }): Promise<void>
  createSession(session: SessionRecord): Promise<void>
  findSession(idHash: string): Promise<SessionRecord | undefined>
  /** Moves a session's last use (its idle timeout counts from it). */
  touchSession(idHash: string, at: string): Promise<void>
  /** Ends one session, all of a user's, or all whose absolute end is before an instant. */
  deleteSessions(
    which: { idHash: string } | { userId: string } | { expiredBefore: string },
  ): Promise<number>
  createApiToken(token: ApiTokenRecord): Promise<void>
  findApiToken(by: { id: string } | { hash: string }): Promise<ApiTokenRecord | undefined>
  /** One user's tokens, or everyone's, revoked ones too, newest first. */
  listApiTokens(userId?: string): Promise<ApiTokenRecord[]>
  /** Revokes a token; false when it is unknown or already revoked. */
  revokeApiToken(id: string, at: string): Promise<boolean>
  /**
   * Records a token's use at `at` unless it was used at or after `unusedSince` (so concurrent
   * uses record once); whether it recorded.
   */
  touchApiToken(id: string, at: string, unusedSince: string): Promise<boolean>
}

/** The audit log: append and read, nothing else (no entry can be changed or removed). */
export interface AuditStore {
  /** Appends an entry; returns its id (ids grow with every entry). */
  appendAudit(entry: AuditEntryInput): Promise<number>
  /** Entries newest first (at most 1000 per call; 100 by default). */
  listAudit(filter?: AuditFilter): Promise<AuditEntry[]>
}

/**
 * Where openvmo keeps work items, their history, the model and sync state: the small stores
 * above, one implementation (`KyselyStore`) over SQLite and PostgreSQL. Every method behaves the
 * same on both, which `testing/store-contract.ts` checks. Instants are ISO-8601 text; unknown items are
 * `undefined` from `find*` and `NOT_FOUND` from `get*`. Code depends on the part it uses (sync on
 * `ItemStore & SyncStateStore`).
 *
 * Every method fails with the store's own errors when the database does: `STORE_UNAVAILABLE`
 * when it cannot be reached (connection refused or lost, database missing; a later call
 * reconnects by itself), `STORE_READ_ONLY` when the file cannot be written, `STORE_BUSY` when
 * another writer held the write lock for longer than the store waits.
 */
export interface Store
  extends
    StoreAdmin,
    ItemStore,
    MappingStore,
    ModelStore,
    SyncStateStore,
    FindingsStore,
    AccountStore,
    AuditStore {}
