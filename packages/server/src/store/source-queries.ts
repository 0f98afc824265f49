import type { Kysely } from 'kysely'
import { VmoError } from '@openvmo/core'
import { ensureSourceId } from './record-import'
import { SYNC_OUTCOMES } from './store-types'
import type { SourceInfo, SyncOutcome, SyncRun } from './store-types'
import type { Database } from './tables/database'

const now = () => new Date().toISOString()

async function sourceIdOf(db: Kysely<Database>, name: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('sources')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirst()
  return row === undefined ? undefined : Number(row.id)
}

/** Sources by name with scopes and item counts. */
export async function listSources(db: Kysely<Database>): Promise<SourceInfo[]> {
  const sources = await db
    .selectFrom('sources as s')
    .leftJoin('work_items as w', 'w.source_id', 's.id')
    .select((eb) => ['s.id', 's.name', 's.kind', eb.fn.count('w.id').as('items')])
    .groupBy(['s.id', 's.name', 's.kind'])
    .orderBy('s.name')
    .execute()
  const scopes = await db
    .selectFrom('scopes')
    .select(['source_id', 'name'])
    .orderBy('name')
    .execute()
  return sources.map((s) => {
    const info: SourceInfo = { name: s.name, scopes: [], itemCount: Number(s.items) }
    if (s.kind !== null) info.kind = s.kind
    info.scopes = scopes.filter((scope) => scope.source_id === s.id).map((scope) => scope.name)
    return info
  })
}

/** Inserts a `running` sync run of `source`; returns its id. */
export async function startSyncRun(db: Kysely<Database>, source: string): Promise<number> {
  const sourceId = await ensureSourceId(db, source)
  const row = await db
    .insertInto('sync_runs')
    .values({
      source_id: sourceId,
      started_at: now(),
      outcome: 'running',
      finished_at: null,
      details_json: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

/** Ends a sync run; throws NOT_FOUND for an unknown id. */
export async function finishSyncRun(
  db: Kysely<Database>,
  id: number,
  end: { outcome: Exclude<SyncOutcome, 'running'>; details?: Record<string, unknown> },
): Promise<void> {
  const result = await db
    .updateTable('sync_runs')
    .set({
      outcome: end.outcome,
      finished_at: now(),
      details_json: end.details ? JSON.stringify(end.details) : null,
    })
    .where('id', '=', id)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0)
    throw new VmoError('NOT_FOUND', `sync run ${id} does not exist`)
}

function toOutcome(value: string): SyncOutcome {
  return (SYNC_OUTCOMES as readonly string[]).includes(value) ? (value as SyncOutcome) : 'failed'
}

/** Runs of a source, newest first. */
export async function listSyncRuns(db: Kysely<Database>, source: string): Promise<SyncRun[]> {
  const rows = await db
    .selectFrom('sync_runs as r')
    .innerJoin('sources as s', 's.id', 'r.source_id')
    .select(['r.id', 'r.started_at', 'r.finished_at', 'r.outcome', 'r.details_json'])
    .where('s.name', '=', source)
    .orderBy('r.id', 'desc')
    .execute()
  return rows.map((row) => {
    const run: SyncRun = {
      id: Number(row.id),
      source,
      startedAt: row.started_at,
      outcome: toOutcome(row.outcome),
    }
    if (row.finished_at !== null) run.finishedAt = row.finished_at
    if (row.details_json !== null)
      run.details = JSON.parse(row.details_json) as Record<string, unknown>
    return run
  })
}

/** The cursor of (source, scope), or undefined. */
export async function findCursor(
  db: Kysely<Database>,
  source: string,
  scope: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('sync_cursors as c')
    .innerJoin('sources as s', 's.id', 'c.source_id')
    .select('c.cursor')
    .where('s.name', '=', source)
    .where('c.scope', '=', scope)
    .executeTakeFirst()
  return row?.cursor
}

/** Sets the cursor of (source, scope), creating the source when missing. */
export async function setCursor(
  db: Kysely<Database>,
  at: { source: string; scope: string; cursor: string },
) {
  const sourceId = await ensureSourceId(db, at.source)
  await db
    .insertInto('sync_cursors')
    .values({ source_id: sourceId, scope: at.scope, cursor: at.cursor, updated_at: now() })
    .onConflict((oc) =>
      oc.columns(['source_id', 'scope']).doUpdateSet((eb) => ({
        cursor: eb.ref('excluded.cursor'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute()
}

/** The raw payload of (source, key), parsed, or undefined. */
export async function findRawPayload(
  db: Kysely<Database>,
  source: string,
  key: string,
): Promise<unknown> {
  const sourceId = await sourceIdOf(db, source)
  if (sourceId === undefined) return undefined
  const row = await db
    .selectFrom('raw_payloads')
    .select('payload_json')
    .where('source_id', '=', sourceId)
    .where('key', '=', key)
    .executeTakeFirst()
  return row === undefined ? undefined : (JSON.parse(row.payload_json) as unknown)
}
