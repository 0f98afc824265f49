import { sql } from 'kysely'
import { existsSync } from 'node:fs'
import { afterEach, expect, test } from 'vitest'
import { backupSqlite, postgresBackupGuidance, restoreSqlite } from './backup'
import { resolveStoreLocation } from './open-store'
import { SCHEMA_VERSION } from './migrations/migrations'
import { createSqliteTarget } from './testing/store-test-targets'
import { findRecord, makeFullRecord, makeRecords } from './testing/store-test-records'

const disposals: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const dispose of disposals.splice(0)) await dispose()
})

async function sqliteTarget() {
  const target = await createSqliteTarget()
  disposals.push(target.dispose)
  return target
}

test('restores the rows of a backup taken from a live store', async () => {
  const source = await sqliteTarget()
  const store = await source.open()
  await store.importRecords([makeFullRecord(), ...makeRecords(50)])
  const backup = `${source.path}.bak`
  await backupSqlite(source.path, backup)
  await store.importRecords(makeRecords(5, 'LATER'))
  await store.close()
  await expect(restoreSqlite(backup, source.path)).rejects.toMatchObject({ code: 'CONFLICT' })
  await restoreSqlite(backup, source.path, { force: true })
  const restored = await source.open()
  expect(await restored.countItems()).toMatchObject({ items: 51 })
  expect(await findRecord(restored, 'jira', 'PAY-123')).toEqual(makeFullRecord())
  await restored.close()
  await expect(backupSqlite(source.path, backup)).rejects.toMatchObject({ code: 'CONFLICT' })
})

test('refuses to restore a backup from a newer openvmo or a file that is no store', async () => {
  const source = await sqliteTarget()
  await (await source.open()).close()
  const newer = String(SCHEMA_VERSION + 1)
  await sql`update openvmo_meta set value = ${newer} where key = 'schema_version'`.execute(
    source.raw(),
  )
  const target = await sqliteTarget()
  await expect(restoreSqlite(source.path, target.path)).rejects.toMatchObject({
    code: 'STORE_VERSION_UNSUPPORTED',
  })
  await expect(restoreSqlite(`${target.path}.none`, target.path)).rejects.toMatchObject({
    code: 'NOT_FOUND',
  })
  const empty = await sqliteTarget()
  await sql`create table t (a text)`.execute(empty.raw())
  await expect(restoreSqlite(empty.path, target.path)).rejects.toMatchObject({
    code: 'INVALID_INPUT',
  })
  expect(existsSync(target.path)).toBe(false)
})

test('gives pg_dump guidance without the password', () => {
  const guidance = postgresBackupGuidance('postgres://vmo:s3cret@db.example.com:5432/openvmo')
  expect(guidance.backup).toBe(
    'pg_dump --format=custom --no-owner --file="openvmo.dump" "postgres://vmo:***@db.example.com:5432/openvmo"',
  )
  expect(JSON.stringify(guidance)).not.toContain('s3cret')
  expect(guidance.restore).toContain('pg_restore')
})

test('picks postgres when a url is set and the sqlite file otherwise', () => {
  expect(resolveStoreLocation({})).toEqual({ dialect: 'sqlite', path: './openvmo.db' })
  expect(resolveStoreLocation({ db: '/y.db' })).toEqual({ dialect: 'sqlite', path: '/y.db' })
  expect(resolveStoreLocation({ db: '/y.db', databaseUrl: 'postgres://h/d' })).toEqual({
    dialect: 'postgres',
    url: 'postgres://h/d',
  })
})
