import type { Kysely, Transaction } from 'kysely'
import { VmoError } from '@openvmo/core'
import type {
  BusinessResultPoint,
  MappingVersion,
  ModelEntity,
  OrganisationModel,
} from './store-types'
import type { Database } from './tables/database'

type ModelTable = 'value_streams' | 'products' | 'teams'

/** Saves `yaml` as the next mapping version, unless it equals the current one. */
export async function saveMappingVersion(db: Kysely<Database>, yaml: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const current = await findCurrentMapping(trx)
    if (current?.yaml === yaml) return current.version
    const version = (current?.version ?? 0) + 1
    await trx
      .insertInto('mapping_versions')
      .values({ version, yaml, created_at: new Date().toISOString() })
      .execute()
    return version
  })
}

function toMappingVersion(row: {
  version: number
  yaml: string
  created_at: string
}): MappingVersion {
  return { version: Number(row.version), yaml: row.yaml, createdAt: row.created_at }
}

/** The newest mapping version, or undefined when none was saved. */
export async function findCurrentMapping(
  db: Kysely<Database> | Transaction<Database>,
): Promise<MappingVersion | undefined> {
  const row = await db
    .selectFrom('mapping_versions')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row === undefined ? undefined : toMappingVersion(row)
}

/** Mapping `version`; throws NOT_FOUND when it was never saved. */
export async function getMappingVersion(
  db: Kysely<Database>,
  version: number,
): Promise<MappingVersion> {
  const row = await db
    .selectFrom('mapping_versions')
    .selectAll()
    .where('version', '=', version)
    .executeTakeFirst()
  if (row === undefined)
    throw new VmoError('NOT_FOUND', `mapping version ${version} does not exist`)
  return toMappingVersion(row)
}

async function replaceTable(
  trx: Transaction<Database>,
  table: ModelTable,
  entities: readonly ModelEntity[],
) {
  await trx.deleteFrom(table).execute()
  if (entities.length === 0) return
  const rows = entities.map((e) => ({
    name: e.name,
    definition_json: JSON.stringify(e.definition),
  }))
  await trx.insertInto(table).values(rows).execute()
}

/** Replaces value streams, products and teams in one transaction. */
export async function replaceModel(db: Kysely<Database>, model: OrganisationModel): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await replaceTable(trx, 'value_streams', model.valueStreams)
    await replaceTable(trx, 'products', model.products)
    await replaceTable(trx, 'teams', model.teams)
  })
}

/** The entities of one model table, by name. */
export async function listModelEntities(
  db: Kysely<Database>,
  table: ModelTable,
): Promise<ModelEntity[]> {
  const rows = await db
    .selectFrom(table)
    .select(['name', 'definition_json'])
    .orderBy('name')
    .execute()
  return rows.map((row) => ({
    name: row.name,
    definition: JSON.parse(row.definition_json) as Record<string, unknown>,
  }))
}

/** Replaces the series of every stream named in `points`. */
export async function replaceBusinessResults(
  db: Kysely<Database>,
  points: readonly BusinessResultPoint[],
) {
  const streams = [...new Set(points.map((p) => p.stream))]
  if (streams.length === 0) return
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('business_results').where('stream', 'in', streams).execute()
    for (let i = 0; i < points.length; i += 500) {
      const rows = points
        .slice(i, i + 500)
        .map((p) => ({ stream: p.stream, metric: p.metric, date: p.date, value: p.value }))
      await trx.insertInto('business_results').values(rows).execute()
    }
  })
}

/** A stream's business results by metric, then date. */
export async function listBusinessResults(
  db: Kysely<Database>,
  stream: string,
): Promise<BusinessResultPoint[]> {
  const rows = await db
    .selectFrom('business_results')
    .selectAll()
    .where('stream', '=', stream)
    .orderBy('metric')
    .orderBy('date')
    .execute()
  return rows.map((row) => ({
    stream: row.stream,
    metric: row.metric,
    date: row.date,
    value: Number(row.value),
  }))
}
