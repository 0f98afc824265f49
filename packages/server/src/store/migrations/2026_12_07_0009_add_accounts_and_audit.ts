import type { MigrationDb } from './migration-helpers'
import { keyText, setSchemaVersion, withId } from './migration-helpers'

/**
 * Who may sign in and what they did: local users (argon2id password hashes), their role per
 * value stream, server-side sessions (only a hash of the session id is kept), API tokens (only a
 * hash of the secret), and the append-only audit log. Flags are integers 0/1 on both databases;
 * instants are ISO-8601 text. Additive: nothing older changes.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', keyText(db), (col) => col.notNull().unique())
    .addColumn('display_name', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('admin', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('disabled', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createTable('user_stream_roles')
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('stream_id', keyText(db), (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('user_stream_roles_pk', ['user_id', 'stream_id'])
    .execute()
  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_seen_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute()
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull().unique())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute()
  await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute()
  await withId(db, db.schema.createTable('audit_log'))
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('via', 'text', (col) => col.notNull())
    .addColumn('address', 'text')
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('target', 'text')
    .addColumn('detail_json', 'text')
    .execute()
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute()
  await setSchemaVersion(db, 9)
}

/** Drops what {@link up} added (and with it every account, session, token and audit entry). */
export async function down(db: MigrationDb): Promise<void> {
  for (const table of ['audit_log', 'api_tokens', 'sessions', 'user_stream_roles', 'users']) {
    await db.schema.dropTable(table).execute()
  }
  await setSchemaVersion(db, 8)
}
