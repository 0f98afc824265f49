import type { Kysely } from 'kysely'
import type { AuditEntry, AuditEntryInput, AuditFilter } from './account-types'
import type { Database } from './tables/database'

/** The most entries one `listAudit` reads. */
export const MAX_AUDIT_PAGE = 1000

/** Appends an entry to the audit log (there is no update or delete); returns its id. */
export async function appendAudit(db: Kysely<Database>, entry: AuditEntryInput): Promise<number> {
  const row = await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor: entry.actor,
      via: entry.via,
      address: entry.address,
      action: entry.action,
      target: entry.target,
      detail_json: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

/** Audit entries, newest first, filtered by `filter`. */
export async function listAudit(
  db: Kysely<Database>,
  filter: AuditFilter = {},
): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll()
  if (filter.since !== undefined) query = query.where('at', '>=', filter.since)
  if (filter.actor !== undefined) query = query.where('actor', '=', filter.actor)
  if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId)
  const limit = Math.min(Math.max(filter.limit ?? 100, 1), MAX_AUDIT_PAGE)
  const rows = await query.orderBy('id', 'desc').limit(limit).execute()
  return rows.map((row) => ({
    id: Number(row.id),
    at: row.at,
    actor: row.actor,
    via: row.via,
    address: row.address,
    action: row.action,
    target: row.target,
    ...(row.detail_json === null
      ? {}
      : { detail: JSON.parse(row.detail_json) as Record<string, unknown> }),
  }))
}
