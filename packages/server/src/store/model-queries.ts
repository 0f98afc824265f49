import type { Kysely, Transaction } from 'kysely'
import { VmoError } from '@openvmo/core'
import type {
  BusinessResultPoint,
  MappingSaveOptions,
  MappingVersion,
  ModelEntity,
  OrganisationModel,
} from './store-types'
import type { Database } from './tables/database'

type ModelTable = 'value_streams' | 'products' | 'teams'

// A second insert of the same version number: SQLite's and PostgreSQL's unique violations.
function isUniqueViolation(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE'
  )
}

function conflict(current: number, expected: number): VmoError {
  return new VmoError(
    'CONFLICT',
    `the mapping is at version ${current}, not ${expected}: reload it and apply the change again`,
    { details: { currentVersion: current, expectedVersion: expected } },
  )
}

/** One attempt: inserts the next version in a transaction; the version's primary key arbitrates. */
async function insertNextMapping(
  db: Kysely<Database>,
  yaml: string,
  options: MappingSaveOptions,
): Promise<number> {
  const expected = options.expectedVersion
  return db.transaction().execute(async (trx) => {
    const current = await findCurrentMapping(trx)
    if (current?.yaml === yaml) return current.version
    const at = current?.version ?? 0
    if (expected !== undefined && at !== expected) throw conflict(at, expected)
    await trx
      .insertInto('mapping_versions')
      .values({ version: at + 1, yaml, created_at: new Date().toISOString() })
      .execute()
    if (options.model) await replaceModelTables(trx, options.model)
    return at + 1
  })
}

/**
 * Saves `yaml` as the next mapping version, unless it equals the current one. With `expected`,
 * only when that is still the current version: two writers that read the same version both try
 * to insert the next one, and the loser's unique violation becomes `CONFLICT`. Without it, a
 * writer that lost that race tries again on the new current version.
 */
export async function saveMappingVersion(
  db: Kysely<Database>,
  yaml: string,
  options: MappingSaveOptions = {},
): Promise<number> {
  const expected = options.expectedVersion
  for (let attempt = 1; ; attempt++) {
    try {
      return await insertNextMapping(db, yaml, options)
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      if (expected !== undefined) throw conflict(expected + 1, expected)
      if (attempt >= 50) {
        throw new VmoError(
          'CONFLICT',
          'other writers kept saving the mapping meanwhile: try again',
          {
            cause: error,
          },
        )
      }
    }
  }
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
  await db.transaction().execute((trx) => replaceModelTables(trx, model))
}

async function replaceModelTables(trx: Transaction<Database>, model: OrganisationModel) {
  await replaceTable(trx, 'value_streams', model.valueStreams)
  await replaceTable(trx, 'products', model.products)
  await replaceTable(trx, 'teams', model.teams)
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
