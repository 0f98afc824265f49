import type { Kysely, Transaction } from 'kysely'
import { VmoError } from '@openvmo/core'
import { bumpDataVersion } from './data-version'
import { ensureSourceId } from './record-import'
import type { RawPayloadInput, ScopeDefinition, SourceDefinition, SyncLease } from './store-types'
import type { Database } from './tables/database'

type Db = Kysely<Database> | Transaction<Database>

const iso = (ms: number) => new Date(ms).toISOString()

async function sourceIdOf(db: Db, name: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('sources')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirst()
  return row === undefined ? undefined : Number(row.id)
}

async function requireSourceId(db: Db, name: string): Promise<number> {
  const id = await sourceIdOf(db, name)
  if (id === undefined) throw new VmoError('NOT_FOUND', `source "${name}" does not exist`)
  return id
}

/**
 * Creates or replaces a source's definition in one transaction: kind, config, secret, and its
 * scopes (scopes no longer named lose their cursors; their items stay until a census says).
 */
export async function saveSource(db: Kysely<Database>, def: SourceDefinition): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const id = await ensureSourceId(trx, def.name, def.kind)
    await trx
      .updateTable('sources')
      .set({
        kind: def.kind,
        config_json: JSON.stringify(def.config),
        secret_json: def.secret ? JSON.stringify(def.secret) : null,
      })
      .where('id', '=', id)
      .execute()
    const names = def.scopes.map((s) => s.name)
    const gone = trx.deleteFrom('sync_cursors').where('source_id', '=', id)
    await (names.length > 0 ? gone.where('scope', 'not in', names) : gone).execute()
    const old = trx.deleteFrom('scopes').where('source_id', '=', id)
    await (names.length > 0 ? old.where('name', 'not in', names) : old).execute()
    for (const scope of def.scopes) {
      await trx
        .insertInto('scopes')
        .values({
          source_id: id,
          name: scope.name,
          kind: scope.kind,
          value: scope.value,
          created_at: new Date().toISOString(),
        })
        .onConflict((oc) =>
          oc.columns(['source_id', 'name']).doUpdateSet({ kind: scope.kind, value: scope.value }),
        )
        .execute()
    }
  })
}

/** The definition of a configured source, or undefined (also for a source only imported into). */
export async function findSource(
  db: Kysely<Database>,
  name: string,
): Promise<SourceDefinition | undefined> {
  const row = await db
    .selectFrom('sources')
    .select(['id', 'name', 'kind', 'config_json', 'secret_json'])
    .where('name', '=', name)
    .executeTakeFirst()
  if (!row || row.config_json === null) return undefined
  const scopes = await db
    .selectFrom('scopes')
    .select(['name', 'kind', 'value', 'reconciled_at'])
    .where('source_id', '=', row.id)
    .orderBy('name')
    .execute()
  return {
    name: row.name,
    kind: row.kind ?? '',
    config: JSON.parse(row.config_json) as Record<string, unknown>,
    ...(row.secret_json ? { secret: JSON.parse(row.secret_json) as Record<string, unknown> } : {}),
    scopes: scopes.map((s) => {
      const scope: ScopeDefinition = { name: s.name, kind: s.kind ?? '', value: s.value ?? s.name }
      if (s.reconciled_at !== null) scope.reconciledAt = s.reconciled_at
      return scope
    }),
  }
}

/**
 * Removes a source and everything of it (items, their histories and links, raw payloads,
 * cursors, runs, lease, tombstones) in one transaction; returns how many items went.
 */
export async function removeSource(db: Kysely<Database>, name: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const id = await requireSourceId(trx, name)
    const items = trx.selectFrom('work_items').select('id').where('source_id', '=', id)
    await trx.deleteFrom('work_item_links').where('item_id', 'in', items).execute()
    await trx.deleteFrom('work_item_histories').where('item_id', 'in', items).execute()
    const deleted = await trx
      .deleteFrom('work_items')
      .where('source_id', '=', id)
      .executeTakeFirst()
    for (const table of [
      'raw_payloads',
      'sync_cursors',
      'sync_runs',
      'sync_leases',
      'deleted_items',
      'scopes',
      'flow_values',
    ] as const) {
      await trx.deleteFrom(table).where('source_id', '=', id).execute()
    }
    await trx.deleteFrom('sources').where('id', '=', id).execute()
    await bumpDataVersion(trx)
    return Number(deleted.numDeletedRows)
  })
}

/**
 * Takes the sync lease of `source` for `owner` until `nowMs + ttlMs`: granted when nobody holds
 * it, its holder's lease expired, `owner` holds it already (a renewal), or the holder is
 * `replacing` (a holder known to be gone). The database decides
 * (one upsert), so of two processes racing for it one wins. Returns the holder afterwards.
 */
export async function acquireLease(
  db: Kysely<Database>,
  at: { source: string; owner: string; nowMs: number; ttlMs: number; replacing?: string },
): Promise<{ acquired: boolean; holder: SyncLease }> {
  const id = await ensureSourceId(db, at.source)
  const now = iso(at.nowMs)
  await db
    .insertInto('sync_leases')
    .values({
      source_id: id,
      owner: at.owner,
      acquired_at: now,
      expires_at: iso(at.nowMs + at.ttlMs),
    })
    .onConflict((oc) =>
      oc
        .column('source_id')
        .doUpdateSet((eb) => ({
          owner: eb.ref('excluded.owner'),
          acquired_at: eb.ref('excluded.acquired_at'),
          expires_at: eb.ref('excluded.expires_at'),
        }))
        .where((eb) =>
          eb.or([
            eb('sync_leases.expires_at', '<', now),
            eb('sync_leases.owner', '=', at.owner),
            ...(at.replacing === undefined ? [] : [eb('sync_leases.owner', '=', at.replacing)]),
          ]),
        ),
    )
    .execute()
  const row = await db
    .selectFrom('sync_leases')
    .select(['owner', 'acquired_at', 'expires_at'])
    .where('source_id', '=', id)
    .executeTakeFirstOrThrow()
  const holder = { owner: row.owner, acquiredAt: row.acquired_at, expiresAt: row.expires_at }
  return { acquired: row.owner === at.owner, holder }
}

/** Gives the lease back (only when `owner` still holds it). */
export async function releaseLease(
  db: Kysely<Database>,
  at: { source: string; owner: string },
): Promise<void> {
  const id = await sourceIdOf(db, at.source)
  if (id === undefined) return
  await db
    .deleteFrom('sync_leases')
    .where('source_id', '=', id)
    .where('owner', '=', at.owner)
    .execute()
}

/**
 * Keeps the raw payloads of a page (replacing older ones), noting the scope that delivered them;
 * an item seen again is alive, so its tombstone goes.
 */
export async function putRawPayloads(
  db: Kysely<Database>,
  at: { source: string; scope: string | null; items: readonly RawPayloadInput[] },
): Promise<void> {
  if (at.items.length === 0) return
  await db.transaction().execute(async (trx) => {
    const id = await ensureSourceId(trx, at.source)
    const stored = new Date().toISOString()
    for (let i = 0; i < at.items.length; i += 500) {
      const batch = at.items.slice(i, i + 500)
      await trx
        .insertInto('raw_payloads')
        .values(
          batch.map((item) => ({
            source_id: id,
            key: item.key,
            payload_json: JSON.stringify(item.payload),
            stored_at: stored,
            scope: at.scope,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['source_id', 'key']).doUpdateSet((eb) => ({
            payload_json: eb.ref('excluded.payload_json'),
            stored_at: eb.ref('excluded.stored_at'),
            scope: eb.ref('excluded.scope'),
          })),
        )
        .execute()
      await trx
        .deleteFrom('deleted_items')
        .where('source_id', '=', id)
        .where(
          'key',
          'in',
          batch.map((item) => item.key),
        )
        .execute()
    }
  })
}

/** The keys whose raw payloads the sync of `scope` delivered last (byte order). */
export async function listScopeKeys(
  db: Kysely<Database>,
  at: { source: string; scope: string },
): Promise<string[]> {
  const id = await sourceIdOf(db, at.source)
  if (id === undefined) return []
  const rows = await db
    .selectFrom('raw_payloads')
    .select('key')
    .where('source_id', '=', id)
    .where('scope', '=', at.scope)
    .orderBy('key')
    .execute()
  return rows.map((row) => row.key)
}

/**
 * Removes items the source no longer has, in one transaction: the item with its history,
 * links and raw payload, leaving a tombstone (`deleted_items`) with the scope and reason. Returns
 * how many stored items were removed.
 */
export async function deleteItems(
  db: Kysely<Database>,
  at: { source: string; keys: readonly string[]; scope: string | null; reason: string },
): Promise<number> {
  if (at.keys.length === 0) return 0
  return db.transaction().execute(async (trx) => {
    const id = await requireSourceId(trx, at.source)
    const now = new Date().toISOString()
    let removed = 0
    for (let i = 0; i < at.keys.length; i += 500) {
      const keys = at.keys.slice(i, i + 500)
      const items = trx
        .selectFrom('work_items')
        .select('id')
        .where('source_id', '=', id)
        .where('key', 'in', keys)
      await trx.deleteFrom('work_item_links').where('item_id', 'in', items).execute()
      await trx.deleteFrom('work_item_histories').where('item_id', 'in', items).execute()
      const result = await trx
        .deleteFrom('work_items')
        .where('source_id', '=', id)
        .where('key', 'in', keys)
        .executeTakeFirst()
      removed += Number(result.numDeletedRows)
      await trx
        .deleteFrom('raw_payloads')
        .where('source_id', '=', id)
        .where('key', 'in', keys)
        .execute()
      await trx
        .insertInto('deleted_items')
        .values(
          keys.map((key) => ({
            source_id: id,
            key,
            scope: at.scope,
            reason: at.reason,
            deleted_at: now,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['source_id', 'key']).doUpdateSet((eb) => ({
            scope: eb.ref('excluded.scope'),
            reason: eb.ref('excluded.reason'),
            deleted_at: eb.ref('excluded.deleted_at'),
          })),
        )
        .execute()
    }
    if (removed > 0) await bumpDataVersion(trx)
    return removed
  })
}

/** Notes that the key census of a scope ran at `atMs`. */
export async function markReconciled(
  db: Kysely<Database>,
  at: { source: string; scope: string; atMs: number },
): Promise<void> {
  const id = await requireSourceId(db, at.source)
  await db
    .updateTable('scopes')
    .set({ reconciled_at: iso(at.atMs) })
    .where('source_id', '=', id)
    .where('name', '=', at.scope)
    .execute()
}
