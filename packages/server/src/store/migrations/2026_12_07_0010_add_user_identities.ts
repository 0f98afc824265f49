import type { MigrationDb } from './migration-helpers'
import { keyText, setSchemaVersion } from './migration-helpers'

/**
 * Accounts signed in through an OpenID provider: one row per (issuer, subject) naming the local
 * account it signs in as. Neither tokens nor secrets are kept. Additive: nothing older changes.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('user_identities')
    .addColumn('issuer', keyText(db), (col) => col.notNull())
    .addColumn('subject', keyText(db), (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('user_identities_pk', ['issuer', 'subject'])
    .execute()
  await db.schema
    .createIndex('user_identities_user')
    .on('user_identities')
    .column('user_id')
    .execute()
  await setSchemaVersion(db, 10)
}

/** Drops what {@link up} added (the accounts stay, without their link to the provider). */
export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('user_identities').execute()
  await setSchemaVersion(db, 9)
}
