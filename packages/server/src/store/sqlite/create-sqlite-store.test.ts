import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { makeRecords } from '../testing/store-test-records'
import { createSqliteStore } from './create-sqlite-store'

describe('sqlite store imports', () => {
  const dirs: string[] = []
  afterEach(() => {
    vi.restoreAllMocks()
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('skips foreign-key checks only while an import runs, also when it fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openvmo-sqlite-'))
    dirs.push(dir)
    const store = await createSqliteStore({ path: join(dir, 'store.db') })
    // the store keeps its connection to itself: the pragma calls name it
    const pragma = BetterSqlite3.prototype.pragma
    const calls: string[] = []
    let connection: BetterSqlite3.Database | undefined
    vi.spyOn(BetterSqlite3.prototype, 'pragma').mockImplementation(function (
      this: BetterSqlite3.Database,
      source: string,
      options?: BetterSqlite3.PragmaOptions,
    ) {
      calls.push(source)
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- the store's own handle
      connection = this
      return pragma.call(this, source, options)
    })
    const foreignKeys = () => pragma.call(connection, 'foreign_keys', { simple: true })
    let during: unknown
    async function* records() {
      yield* makeRecords(2)
      during = foreignKeys()
    }
    expect(await store.importRecords(records())).toMatchObject({ inserted: 2 })
    expect(during).toBe(0)
    expect(calls.filter((call) => call.startsWith('foreign_keys'))).toEqual([
      'foreign_keys = OFF',
      'foreign_keys = ON',
    ])
    expect(foreignKeys()).toBe(1)
    async function* failing() {
      yield* makeRecords(1)
      throw new Error('input broke')
    }
    await expect(store.importRecords(failing())).rejects.toThrow('input broke')
    expect(foreignKeys()).toBe(1)
    expect(await store.countItems()).toMatchObject({ items: 2 })
    await store.close()
  })
})
