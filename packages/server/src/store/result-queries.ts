import type { Kysely } from 'kysely'
import type { ResultCategory, ResultDefinition, ResultDirection } from '@openvmo/core'
import { VmoError, checkResultDefinition, checkResultValues } from '@openvmo/core'
import type { BusinessResultPoint } from './store-types'
import type { Database } from './tables/database'
import type { BusinessResultDefinitionTable } from './tables/model.table'

function toDefinition(row: BusinessResultDefinitionTable): ResultDefinition {
  return {
    stream: row.stream,
    metric: row.metric,
    category: row.category as ResultCategory,
    unit: row.unit,
    direction: row.direction as ResultDirection,
    target: row.target === null ? null : Number(row.target),
    targetDate: row.target_date,
    description: row.description,
  }
}

/**
 * Creates or replaces the definition of (stream, metric) after checking it. Refuses
 * (`INVALID_INPUT`) a unit other than the stored definition's while the series has points: its
 * values would silently change meaning.
 */
export async function saveResultDefinition(
  db: Kysely<Database>,
  definition: ResultDefinition,
  atIso: string,
): Promise<void> {
  checkResultDefinition(definition)
  const { stream, metric } = definition
  await db.transaction().execute(async (trx) => {
    const old = await trx
      .selectFrom('business_result_definitions')
      .select('unit')
      .where('stream', '=', stream)
      .where('metric', '=', metric)
      .executeTakeFirst()
    if (old !== undefined && old.unit !== definition.unit) {
      const point = await trx
        .selectFrom('business_results')
        .select('date')
        .where('stream', '=', stream)
        .where('metric', '=', metric)
        .limit(1)
        .executeTakeFirst()
      if (point !== undefined) {
        throw new VmoError(
          'INVALID_INPUT',
          `result "${metric}" of "${stream}" has points in ${old.unit}, not ${definition.unit}: convert them and import them again after removing the series`,
        )
      }
    }
    const row = {
      stream,
      metric,
      category: definition.category,
      unit: definition.unit,
      direction: definition.direction,
      target: definition.target,
      target_date: definition.targetDate,
      description: definition.description,
      updated_at: atIso,
    }
    await trx
      .insertInto('business_result_definitions')
      .values(row)
      .onConflict((oc) => oc.columns(['stream', 'metric']).doUpdateSet(row))
      .execute()
  })
}

/** Definitions of one stream, or of every stream, by stream then metric (byte order). */
export async function listResultDefinitions(
  db: Kysely<Database>,
  stream?: string,
): Promise<ResultDefinition[]> {
  let query = db.selectFrom('business_result_definitions').selectAll()
  if (stream !== undefined) query = query.where('stream', '=', stream)
  const rows = await query.orderBy('stream').orderBy('metric').execute()
  return rows.map(toDefinition)
}

function checkBatch(points: readonly BusinessResultPoint[]): void {
  const bySeries = new Map<string, BusinessResultPoint[]>()
  for (const p of points) {
    const key = JSON.stringify([p.stream, p.metric])
    bySeries.set(key, [...(bySeries.get(key) ?? []), p])
  }
  for (const series of bySeries.values()) {
    const first = series[0] as BusinessResultPoint
    checkResultValues(`result "${first.metric}" of "${first.stream}"`, series)
  }
}

/**
 * Upserts points by (stream, metric, date) in ONE transaction: all are written or none (a bad
 * date, a non-finite value or a date twice in the batch is `INVALID_INPUT` before anything is
 * written). Points of other dates stay. Returns how many points were new.
 */
export async function upsertResultPoints(
  db: Kysely<Database>,
  points: readonly BusinessResultPoint[],
): Promise<{ inserted: number; updated: number }> {
  checkBatch(points)
  if (points.length === 0) return { inserted: 0, updated: 0 }
  return db.transaction().execute(async (trx) => {
    let updated = 0
    for (const p of points) {
      const row = { stream: p.stream, metric: p.metric, date: p.date, value: p.value }
      const result = await trx
        .updateTable('business_results')
        .set({ value: p.value })
        .where('stream', '=', p.stream)
        .where('metric', '=', p.metric)
        .where('date', '=', p.date)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) > 0) updated++
      else await trx.insertInto('business_results').values(row).execute()
    }
    return { inserted: points.length - updated, updated }
  })
}
