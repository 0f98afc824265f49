import type { Kysely, Selectable } from 'kysely'
import { VmoError } from '@openvmo/core'
import type {
  ApiTokenRecord,
  NewUser,
  SessionRecord,
  StreamGrant,
  StreamRoleName,
  TokenRole,
  UserAccount,
  UserChange,
} from './account-types'
import type { ApiTokenTable, SessionTable, UserTable } from './tables/account.table'
import type { Database } from './tables/database'

type Db = Kysely<Database>

const userOf = (row: Selectable<UserTable>): UserAccount => ({
  id: row.id,
  name: row.name,
  displayName: row.display_name,
  passwordHash: row.password_hash,
  admin: Number(row.admin) === 1,
  disabled: Number(row.disabled) === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

const sessionOf = (row: Selectable<SessionTable>): SessionRecord => ({
  idHash: row.id_hash,
  userId: row.user_id,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  expiresAt: row.expires_at,
})

const tokenOf = (row: Selectable<ApiTokenTable>): ApiTokenRecord => ({
  id: row.id,
  userId: row.user_id,
  name: row.name,
  hash: row.hash,
  role: row.role as TokenRole,
  expiresAt: row.expires_at,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
})

/** Stores a new account; CONFLICT when the name is taken. */
export async function createUser(db: Db, user: NewUser): Promise<UserAccount> {
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where('name', '=', user.name)
      .executeTakeFirst()
    if (taken) throw new VmoError('CONFLICT', `a user named "${user.name}" already exists`)
    const row = {
      id: user.id,
      name: user.name,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      admin: user.admin ? 1 : 0,
      disabled: 0,
      created_at: user.at,
      updated_at: user.at,
    }
    await trx.insertInto('users').values(row).execute()
    return userOf(row)
  })
}

/** The account with this id or name, or undefined. */
export async function findUser(
  db: Db,
  by: { id: string } | { name: string },
): Promise<UserAccount | undefined> {
  const query = db.selectFrom('users').selectAll()
  const row = await (
    'id' in by ? query.where('id', '=', by.id) : query.where('name', '=', by.name)
  ).executeTakeFirst()
  return row && userOf(row)
}

/** Every account, by name. */
export async function listUsers(db: Db): Promise<UserAccount[]> {
  return (await db.selectFrom('users').selectAll().orderBy('name').execute()).map(userOf)
}

/** Changes an account's fields; NOT_FOUND for an unknown id. */
export async function updateUser(
  db: Db,
  id: string,
  at: { change: UserChange; at: string },
): Promise<UserAccount> {
  const { change } = at
  await db
    .updateTable('users')
    .set({
      updated_at: at.at,
      ...(change.displayName !== undefined ? { display_name: change.displayName } : {}),
      ...(change.passwordHash !== undefined ? { password_hash: change.passwordHash } : {}),
      ...(change.admin !== undefined ? { admin: change.admin ? 1 : 0 } : {}),
      ...(change.disabled !== undefined ? { disabled: change.disabled ? 1 : 0 } : {}),
    })
    .where('id', '=', id)
    .execute()
  const user = await findUser(db, { id })
  if (!user) throw new VmoError('NOT_FOUND', `user "${id}" does not exist`)
  return user
}

/** Whether any account may sign in (exists and is not disabled). */
export async function hasEnabledUsers(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('disabled', '=', 0)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/** Sets (or with null removes) a user's role on a value stream. */
export async function setStreamRole(
  db: Db,
  grant: { userId: string; streamId: string; role: StreamRoleName | null },
): Promise<void> {
  const { userId, streamId, role } = grant
  if (role === null) {
    await db
      .deleteFrom('user_stream_roles')
      .where('user_id', '=', userId)
      .where('stream_id', '=', streamId)
      .execute()
    return
  }
  await db
    .insertInto('user_stream_roles')
    .values({ user_id: userId, stream_id: streamId, role })
    .onConflict((oc) => oc.columns(['user_id', 'stream_id']).doUpdateSet({ role }))
    .execute()
}

/** A user's roles per value stream, by stream. */
export async function listStreamRoles(db: Db, userId: string): Promise<StreamGrant[]> {
  const rows = await db
    .selectFrom('user_stream_roles')
    .select(['stream_id', 'role'])
    .where('user_id', '=', userId)
    .orderBy('stream_id')
    .execute()
  return rows.map((r) => ({ streamId: r.stream_id, role: r.role as StreamRoleName }))
}

/** Stores a new session. */
export async function createSession(db: Db, session: SessionRecord): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: session.idHash,
      user_id: session.userId,
      created_at: session.createdAt,
      last_seen_at: session.lastSeenAt,
      expires_at: session.expiresAt,
    })
    .execute()
}

/** The session with this id hash, or undefined. */
export async function findSession(db: Db, idHash: string): Promise<SessionRecord | undefined> {
  const row = await db
    .selectFrom('sessions')
    .selectAll()
    .where('id_hash', '=', idHash)
    .executeTakeFirst()
  return row && sessionOf(row)
}

/** Notes that a session was used at `at` (the idle timeout counts from it). */
export async function touchSession(db: Db, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute()
}

/** Ends one session, every session of a user, or every session that ended before an instant. */
export async function deleteSessions(
  db: Db,
  which: { idHash: string } | { userId: string } | { expiredBefore: string },
): Promise<number> {
  const query = db.deleteFrom('sessions')
  const result = await (
    'idHash' in which
      ? query.where('id_hash', '=', which.idHash)
      : 'userId' in which
        ? query.where('user_id', '=', which.userId)
        : query.where('expires_at', '<', which.expiredBefore)
  ).executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** Stores a new API token. */
export async function createApiToken(db: Db, token: ApiTokenRecord): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: token.id,
      user_id: token.userId,
      name: token.name,
      hash: token.hash,
      role: token.role,
      expires_at: token.expiresAt,
      created_at: token.createdAt,
      last_used_at: token.lastUsedAt,
      revoked_at: token.revokedAt,
    })
    .execute()
}

/** The token with this id or secret hash, or undefined. */
export async function findApiToken(
  db: Db,
  by: { id: string } | { hash: string },
): Promise<ApiTokenRecord | undefined> {
  const query = db.selectFrom('api_tokens').selectAll()
  const row = await (
    'id' in by ? query.where('id', '=', by.id) : query.where('hash', '=', by.hash)
  ).executeTakeFirst()
  return row && tokenOf(row)
}

/** Tokens (revoked ones too) of one user or of everyone, newest first. */
export async function listApiTokens(db: Db, userId?: string): Promise<ApiTokenRecord[]> {
  const query = db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc')
  const rows = await (userId === undefined ? query : query.where('user_id', '=', userId)).execute()
  return rows.map(tokenOf)
}

/** Revokes a token at `at`; false when unknown or already revoked. */
export async function revokeApiToken(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/**
 * Records that a token was used at `at`, unless it was already used at or after `unusedSince`;
 * whether it was recorded. One statement, so of concurrent uses only one records.
 */
export async function touchApiToken(
  db: Db,
  id: string,
  at: { at: string; unusedSince: string },
): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ last_used_at: at.at })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at.unusedSince)]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
