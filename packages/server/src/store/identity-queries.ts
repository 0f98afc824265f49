import type { Kysely } from 'kysely'
import type { StreamGrant, UserAccount } from './account-types'
import { findUser } from './account-queries'
import type { Database } from './tables/database'

type Db = Kysely<Database>

/** The account an OpenID provider's user (issuer and subject) signs in as, or undefined. */
export async function findUserByIdentity(
  db: Db,
  identity: { issuer: string; subject: string },
): Promise<UserAccount | undefined> {
  const row = await db
    .selectFrom('user_identities')
    .select('user_id')
    .where('issuer', '=', identity.issuer)
    .where('subject', '=', identity.subject)
    .executeTakeFirst()
  return row && findUser(db, { id: row.user_id })
}

/** Links an issuer and subject to an account (a second link of the same pair is refused). */
export async function linkIdentity(
  db: Db,
  link: { issuer: string; subject: string; userId: string; at: string },
): Promise<void> {
  await db
    .insertInto('user_identities')
    .values({
      issuer: link.issuer,
      subject: link.subject,
      user_id: link.userId,
      created_at: link.at,
    })
    .execute()
}

/** Replaces every role of a user on value streams by `grants`, in one transaction. */
export async function replaceStreamRoles(
  db: Db,
  userId: string,
  grants: readonly StreamGrant[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('user_stream_roles').where('user_id', '=', userId).execute()
    if (grants.length === 0) return
    await trx
      .insertInto('user_stream_roles')
      .values(grants.map((g) => ({ user_id: userId, stream_id: g.streamId, role: g.role })))
      .execute()
  })
}
