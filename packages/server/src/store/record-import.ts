import type { Kysely, Transaction } from 'kysely'
import type { WorkItemRecord } from '@openvmo/core'
import { encodeRecord, recordValueNames } from './record-encoding'
import type { WritableRecord } from './record-encoding'
import type { BatchOutcome, RecordWriter, StoreDialect } from './store-dialect'
import type { StoreImportOptions, StoreImportResult } from './store-types'
import type { Database } from './tables/database'
import { bumpDataVersion } from './data-version'
import { FlowValueIds } from './flow-values'

/** Returns the id of source `name`, creating it (with `kind`) on first sight. */
export async function ensureSourceId(
  db: Kysely<Database> | Transaction<Database>,
  name: string,
  kind?: string,
): Promise<number> {
  const find = () =>
    db.selectFrom('sources').select('id').where('name', '=', name).executeTakeFirst()
  const found = await find()
  if (found) return Number(found.id)
  // Two writers may create the same source at once: the second one's insert does nothing.
  await db
    .insertInto('sources')
    .values({ name, kind: kind ?? null, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  const created = await find()
  if (!created) throw new Error(`source "${name}" could not be created`)
  return Number(created.id)
}

class ImportRun {
  readonly result: StoreImportResult = { inserted: 0, updated: 0, unchanged: 0, changes: 0 }
  readonly #sourceIds = new Map<string, number>()
  readonly #values = new FlowValueIds()
  #batch: WritableRecord[] = []
  readonly #batchKeys = new Set<string>()
  #pending: Promise<void> | undefined
  constructor(
    private readonly trx: Transaction<Database>,
    private readonly writer: RecordWriter,
    private readonly options: StoreImportOptions & { batchSize: number },
  ) {}

  async add(record: WorkItemRecord): Promise<void> {
    const sourceId = this.#sourceIds.get(record?.source) ?? (await this.#sourceId(record))
    const encoded = encodeRecord(record, sourceId, await this.#valueIds(sourceId, record))
    const identity = `${sourceId}\u0000${record.key}`
    // A key seen twice in one batch would conflict with itself: write what came before first.
    if (this.#batchKeys.has(identity)) await this.flush()
    const payload = this.options.rawPayloads?.(record)
    if (payload !== undefined) encoded.rawPayloadJson = JSON.stringify(payload)
    this.#batch.push(encoded)
    this.#batchKeys.add(identity)
    if (this.#batch.length >= this.options.batchSize) await this.flush()
  }

  /**
   * Hands the batch to the writer without waiting for it: the next batch is read and encoded
   * while the database writes this one (PostgreSQL works in its own process). One batch is in
   * flight at a time, so batches reach the database in order.
   */
  async flush(): Promise<void> {
    if (this.#batch.length === 0) return
    await this.drain()
    const batch = this.#batch
    this.#batch = []
    this.#batchKeys.clear()
    const written = this.writer.writeBatch(batch).then((outcome) => this.#count(outcome))
    // Awaited by the next flush or `drain`; until then a failure must not count as unhandled.
    written.catch(() => {})
    this.#pending = written
  }

  /** Waits for the batch in flight (rethrowing its error). */
  async drain(): Promise<void> {
    const pending = this.#pending
    this.#pending = undefined
    await pending
  }

  #count(outcome: BatchOutcome): void {
    this.result.inserted += outcome.inserted
    this.result.updated += outcome.updated
    this.result.unchanged += outcome.unchanged
    this.result.changes += outcome.changes
    this.options.onProgress?.({ ...this.result })
  }

  /**
   * The ids of the source's status and type values, registering the record's new ones first
   * (rare after the first items: the common case is a lookup per value and no query).
   */
  async #valueIds(sourceId: number, record: WorkItemRecord): Promise<ReadonlyMap<string, number>> {
    // An invalid source (id 0) is reported by `encodeRecord`; nothing to register for it.
    if (sourceId === 0) return new Map()
    const names = recordValueNames(record)
    const known = this.#values.known(sourceId)
    if (known !== undefined && names.every((name) => known.has(name))) return known
    return this.#values.register(this.trx, sourceId, names)
  }

  async #sourceId(record: WorkItemRecord): Promise<number> {
    // An invalid source is left to `encodeRecord`, which names the item in its error.
    if (typeof record?.source !== 'string' || record.source === '') return 0
    const id = await ensureSourceId(this.trx, record.source, this.options.sourceKind)
    this.#sourceIds.set(record.source, id)
    return id
  }
}

/**
 * Imports `records` in one transaction (see `Store.importRecords`): an error from the iterable,
 * a record or the database rolls every row back and is rethrown.
 */
export async function importRecords(
  db: Kysely<Database>,
  dialect: StoreDialect,
  input: {
    records: AsyncIterable<WorkItemRecord> | Iterable<WorkItemRecord>
    options: StoreImportOptions
  },
): Promise<StoreImportResult> {
  return dialect.transactImport(db, async (trx, writer) => {
    const run = new ImportRun(trx, writer, { ...input.options, batchSize: dialect.importBatchSize })
    try {
      for await (const record of input.records) await run.add(record)
      await run.flush()
      await run.drain()
    } catch (error) {
      // Let the batch in flight settle before the transaction rolls back; the first error wins.
      await run.drain().catch(() => {})
      throw error
    }
    if (run.result.inserted + run.result.updated > 0) await bumpDataVersion(trx)
    return run.result
  })
}
