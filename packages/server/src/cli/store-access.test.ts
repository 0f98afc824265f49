import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { dirname, join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, test } from 'vitest'
import { formatHistoryLine } from '@openvmo/core'
import { adminQuery, uniqueApplicationName } from '../store/testing/postgres-faults'
import { createPostgresTarget, TEST_DATABASE_URL } from '../store/testing/store-test-targets'
import { makeRecords } from '../store/testing/store-test-records'
import { TEST_MAPPING_YAML, testRecords } from '../api/api-test-fixture'
import { openStore } from '../store/open-store'
import { runCli, writeTempFiles } from './testing/run-cli'
import { cleanupAfterEach, spawnVmo } from './testing/spawn-vmo'

const NO_STACK = /\n\s+at /
const { cleanups, track } = cleanupAfterEach()

const lines = (count: number, prefix: string) =>
  makeRecords(count, prefix).map(formatHistoryLine).join('\n') + '\n'

/** A folder with a few items' history (`h.ndjson`) and a store path (`openvmo.db`, not created). */
function fixture() {
  const dir = writeTempFiles({ 'h.ndjson': lines(3, 'PAY') })
  return { dir, db: join(dir, 'openvmo.db'), history: join(dir, 'h.ndjson') }
}

const READING_COMMANDS = [
  ['metrics'],
  ['flow', 'aging'],
  ['forecast', 'when', '--items', '5'],
  ['map', 'suggest'],
  ['export', '--out', 'out.ndjson'],
  ['backup', '--out', 'backup.db'],
  ['serve', '--port', '0'],
]

describe('reading commands open existing openvmo stores only', () => {
  test('exit 2 and create nothing when the store file does not exist', async () => {
    const { dir, db } = fixture()
    for (const command of READING_COMMANDS) {
      const args = command.map((arg) => (arg.includes('.') ? join(dir, arg) : arg))
      const result = await runCli([...args, '--db', db])
      expect(result.code, `vmo ${command.join(' ')}: ${result.stderr}`).toBe(2)
      expect(result.stderr).toBe(
        `vmo: no openvmo store at "${db}" (create one with \`vmo import\` or \`vmo demo\`)\n`,
      )
      expect(existsSync(db)).toBe(false)
    }
  })

  test('exit 2 and leave an unrelated sqlite file as it was', async () => {
    const { dir } = fixture()
    const other = join(dir, 'other.db')
    const raw = new BetterSqlite3(other)
    raw.exec(`create table notes (text text); insert into notes values ('keep me')`)
    raw.close()
    const before = readFileSync(other)
    for (const command of READING_COMMANDS) {
      const args = command.map((arg) => (arg.includes('.') ? join(dir, arg) : arg))
      const result = await runCli([...args, '--db', other])
      expect(result.code, `vmo ${command.join(' ')}: ${result.stderr}`).toBe(2)
      expect(result.stderr).toMatch(`vmo: "${other}" is not an openvmo store (it has no openvmo`)
    }
    expect(readFileSync(other).equals(before)).toBe(true)
    expect(existsSync(`${other}-wal`)).toBe(false)
    writeFileSync(other, 'not a database at all, just text\n'.repeat(100))
    const text = await runCli(['metrics', '--db', other])
    expect(text.code).toBe(2)
    expect(text.stderr).toBe(`vmo: "${other}" is not an openvmo store (file is not a database)\n`)
  })

  test('creates the store when a writing command names a missing one', async () => {
    const { db, history } = fixture()
    expect((await runCli(['import', history, '--db', db])).code).toBe(0)
    const metrics = await runCli(['export', '--out', `${db}.ndjson`, '--db', db])
    expect(metrics.stdout).toBe(`wrote 3 items to ${db}.ndjson\n`)
  })

  test('exit 2 and create no tables when the postgres schema holds no store', async () => {
    const target = await createPostgresTarget()
    cleanups.push(() => target.dispose())
    const url = new URL(TEST_DATABASE_URL)
    url.searchParams.set('options', `-c search_path=${target.schema}`)
    const result = await runCli(['metrics'], { DATABASE_URL: url.toString() })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^vmo: postgres store ".*" is not an openvmo store \(it has no/)
    const tables = await adminQuery(`select 1 from pg_tables where schemaname = $1`, [
      target.schema,
    ])
    expect(tables).toEqual([])
  })

  test('exit 1 naming the database when the postgres database does not exist', async () => {
    const url = new URL(TEST_DATABASE_URL)
    const name = `openvmo_missing_${uniqueApplicationName().slice(-8)}`
    url.pathname = `/${name}`
    url.password = 'not-shown'
    for (const command of [['metrics'], ['import', fixture().history]]) {
      const result = await runCli(command, { DATABASE_URL: url.toString() })
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(`is unavailable: database "${name}" does not exist\n`)
      expect(result.stderr).not.toMatch('not-shown')
      expect(result.stderr).not.toMatch(NO_STACK)
    }
  })
})

/** Whether another connection holds the write lock of the SQLite store `db` right now. */
function writeLockHeld(db: string): boolean {
  const probe = new BetterSqlite3(db, { timeout: 0 })
  try {
    probe.exec('begin immediate')
    probe.exec('rollback')
    return false
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true
    throw error
  } finally {
    probe.close()
  }
}

/**
 * Starts `vmo import` of a large file and freezes it (SIGSTOP) while it holds the write lock;
 * `resume` lets it finish. Starts over when the import happened to end between the check and
 * the stop.
 */
async function startHeldImport(db: string, file: string) {
  for (;;) {
    const first = track(spawnVmo(['import', file, '--db', db]))
    while (first.child.exitCode === null && !writeLockHeld(db)) await sleep(5)
    first.child.kill('SIGSTOP')
    if (writeLockHeld(db)) {
      const resume = () => (first.child.kill('SIGCONT'), first.exited)
      cleanups.push(() => void first.child.kill('SIGCONT'))
      return { first, resume }
    }
    first.child.kill('SIGCONT')
    await first.exited
  }
}

describe('a second import into the same sqlite store', () => {
  test('waits, then fails after the configured wait naming the file, when another import holds the lock', async () => {
    const { dir, db, history } = fixture()
    expect((await runCli(['import', history, '--db', db])).code).toBe(0)
    const large = join(dir, 'large.ndjson')
    writeFileSync(large, lines(20_000, 'LARGE'))
    const held = await startHeldImport(db, large)
    const env = { OPENVMO_LOCK_WAIT_MS: '1000' }
    const second = track(spawnVmo(['import', history, '--db', db], { env }))
    const third = track(spawnVmo(['import', history, '--db', db]))
    expect(await second.exited).toBe(1)
    expect(second.stderr()).toBe(
      `${history}: ${RECOGNISED}\nwaiting for another import holding ${db} to finish …\nvmo: another import holds "${db}": try again when it finishes (waited 1 s for its write lock)\n`,
    )
    await third.waitFor('waiting for another import')
    expect(await held.resume()).toBe(0)
    expect(await third.exited).toBe(0)
    expect(third.stdout()).toMatch('0 new, 0 changed, 3 unchanged')
    expect(held.first.stdout()).toMatch('20000 new')
  })
})

/** What `vmo import` says it recognised in an NDJSON history file. */
const RECOGNISED = 'a json object on the first line, read as ndjson history'

/** Runs as a user who may not write the store when the tests run as root (who may write anything). */
const reader = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined

/** A store with a few items that the `reader` may read but not write. */
async function readOnlyStore() {
  const { dir, db, history } = fixture()
  expect((await runCli(['import', history, '--db', db])).code).toBe(0)
  chmodSync(dir, 0o777)
  chmodSync(db, 0o444)
  return { db, history }
}

describe('a read-only sqlite store', () => {
  test('vmo import exits 1 naming the file when the store is read-only', async () => {
    const { db } = await readOnlyStore()
    const more = writeTempFiles({ 'more.ndjson': lines(2, 'NEW') })
    chmodSync(more, 0o755)
    const run = track(spawnVmo(['import', join(more, 'more.ndjson'), '--db', db], { as: reader }))
    const out = join(dirname(db), 'out.ndjson')
    const reading = track(spawnVmo(['export', '--out', out, '--db', db], { as: reader }))
    expect(await run.exited).toBe(1)
    expect(run.stderr()).toBe(
      `${join(more, 'more.ndjson')}: ${RECOGNISED}\nvmo: sqlite store "${db}" is read-only (attempt to write a readonly database): make the file and its folder writable for this user\n`,
    )
    expect(await reading.exited).toBe(0)
    expect(reading.stdout()).toBe(`wrote 3 items to ${out}\n`)
  })

  test('PUT /api/v1/mapping answers 503 STORE_READ_ONLY naming the file when the store is read-only', async () => {
    const dir = writeTempFiles({})
    chmodSync(dir, 0o777)
    const db = join(dir, 'openvmo.db')
    const store = await openStore({ db })
    await store.importRecords(testRecords())
    await store.saveMappingVersion(TEST_MAPPING_YAML)
    await store.close()
    chmodSync(db, 0o444)
    const serve = track(spawnVmo(['serve', '--db', db, '--port', '0'], { as: reader }))
    await serve.waitFor('openvmo is serving')
    const url = / at (http:\/\/\S+)/.exec(serve.stdout())?.[1] ?? ''
    const res = await fetch(`${url}/api/v1/mapping`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'If-Match': '"1"' },
      body: JSON.stringify({ yaml: `${TEST_MAPPING_YAML}# edited\n` }),
    })
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({
      error: {
        code: 'STORE_READ_ONLY',
        message: `sqlite store "${db}" is read-only (attempt to write a readonly database): make the file and its folder writable for this user`,
      },
    })
    expect((await fetch(`${url}/api/v1/mapping`)).status).toBe(200)
    serve.child.kill('SIGTERM')
    expect(await serve.exited).toBe(0)
  })
})
