import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import BetterSqlite3 from 'better-sqlite3'
import pg from 'pg'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import type { MigrationDb } from '../migrations/migration-helpers'
import { createPostgresStore } from '../postgres/create-postgres-store'
import { createSqliteStore } from '../sqlite/create-sqlite-store'
import type { StoreContractTarget } from './store-contract'

/** The test server: `DATABASE_URL`, else the local PostgreSQL with trust auth. */
export const TEST_DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** A fresh SQLite file in a temp directory. */
export function createSqliteTarget(): Promise<StoreContractTarget & { path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'openvmo-store-'))
  const path = join(dir, 'openvmo.db')
  let raw: MigrationDb | undefined
  return Promise.resolve({
    path,
    open: (options) => createSqliteStore({ path, ...options }),
    raw: () =>
      (raw ??= new Kysely({ dialect: new SqliteDialect({ database: new BetterSqlite3(path) }) })),
    dispose: async () => {
      await raw?.destroy()
      rmSync(dir, { recursive: true, force: true })
    },
  })
}

/** A fresh schema `t_<random>` on the test PostgreSQL, dropped on dispose. */
export async function createPostgresTarget(): Promise<StoreContractTarget & { schema: string }> {
  const schema = `t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  let raw: MigrationDb | undefined
  const pool = () =>
    new pg.Pool({
      connectionString: TEST_DATABASE_URL,
      max: 2,
      options: `-c search_path=${schema}`,
    })
  return {
    schema,
    open: (options) =>
      createPostgresStore({ url: TEST_DATABASE_URL, schema, maxConnections: 4, ...options }),
    raw: () => (raw ??= new Kysely({ dialect: new PostgresDialect({ pool: pool() }) })),
    dispose: async () => {
      await raw?.destroy()
      await admin.query(`drop schema ${schema} cascade`)
      await admin.end()
    },
  }
}
