import type { Kysely } from 'kysely'
import type { ExperimentDefinition } from '@openvmo/core'
import { VmoError } from '@openvmo/core'
import type { Database } from './tables/database'
import type { ExperimentTable } from './tables/model.table'

/** A stored experiment: its definition and when it was first and last saved (ISO instants). */
export interface StoredExperiment {
  definition: ExperimentDefinition
  createdAt: string
  updatedAt: string
}

function toStored(row: ExperimentTable): StoredExperiment {
  return {
    definition: JSON.parse(row.definition) as ExperimentDefinition,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/**
 * Creates or replaces the experiment of `definition.id` (already checked by the caller against
 * the model) in one statement; keeps the first `created_at`. Returns whether it was new.
 */
export async function saveExperiment(
  db: Kysely<Database>,
  definition: ExperimentDefinition,
  atIso: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const old = await trx
      .selectFrom('experiments')
      .select('id')
      .where('id', '=', definition.id)
      .executeTakeFirst()
    const row = {
      stream: definition.scope.stream,
      definition: JSON.stringify(definition),
      updated_at: atIso,
    }
    if (old !== undefined) {
      await trx.updateTable('experiments').set(row).where('id', '=', definition.id).execute()
      return false
    }
    await trx
      .insertInto('experiments')
      .values({ id: definition.id, ...row, created_at: atIso })
      .execute()
    return true
  })
}

/** Experiments of one stream (its scope's, case-insensitively) or of all, by id. */
export async function listExperiments(
  db: Kysely<Database>,
  stream?: string,
): Promise<StoredExperiment[]> {
  const rows = await db.selectFrom('experiments').selectAll().orderBy('id').execute()
  const lower = stream?.toLowerCase()
  return rows.filter((r) => lower === undefined || r.stream.toLowerCase() === lower).map(toStored)
}

/** The experiment `id`, or undefined. */
export async function findExperiment(
  db: Kysely<Database>,
  id: string,
): Promise<StoredExperiment | undefined> {
  const row = await db.selectFrom('experiments').selectAll().where('id', '=', id).executeTakeFirst()
  return row === undefined ? undefined : toStored(row)
}

/** Removes the experiment `id`; `NOT_FOUND` when there is none. */
export async function deleteExperiment(db: Kysely<Database>, id: string): Promise<void> {
  const result = await db.deleteFrom('experiments').where('id', '=', id).executeTakeFirst()
  if (Number(result.numDeletedRows) === 0) throw new VmoError('NOT_FOUND', `no experiment "${id}"`)
}
