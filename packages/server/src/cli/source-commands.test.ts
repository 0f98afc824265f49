import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { startFakeJira } from '../sources/jira/testing/fake-jira'
import type { FakeJira } from '../sources/jira/testing/fake-jira'
import { openStore } from '../store/open-store'
import { testRecords } from '../api/api-test-fixture'
import { runCli, writeHistoryFixture, writeTempFiles } from './testing/run-cli'
import { spawnVmo } from './testing/spawn-vmo'
import { addFakeJiraArgs } from './testing/source-args'

let fake: FakeJira
let db: string
const key = randomBytes(32).toString('base64')
const newKey = randomBytes(32).toString('base64')

beforeEach(async () => {
  fake = await startFakeJira({ deployment: 'cloud', sourceName: 'acme-jira', pageSize: 5 })
  await fake.createItems({ name: 'PAY', kind: 'project', value: 'PAY' }, 3)
  db = join(writeTempFiles({}), 'openvmo.db')
})

afterEach(async () => {
  await fake.close()
})

const addArgs = (extra: string[] = []) => addFakeJiraArgs(fake, ['--db', db, ...extra])

describe('vmo source', () => {
  test('adds a source with its token encrypted in the store, never in clear text', async () => {
    const env = { JIRA_TOKEN: fake.token, OPENVMO_SECRET_KEY: key }
    const added = await runCli(addArgs(['--store-token']), env)
    expect(added.code, added.stderr).toBe(0)
    expect(added.stdout).toMatch(/saved source acme-jira \(jira, scopes PAY\)/)
    expect(added.stdout).toMatch(/connection ok/)
    expect(readFileSync(db).includes(Buffer.from(fake.token))).toBe(false)
    const listed = await runCli(['source', 'list', '--db', db], { OPENVMO_SECRET_KEY: key })
    expect(listed.stdout).toMatch(/acme-jira \(jira\): 0 items; token stored encrypted \(ok\)/)
    const synced = await runCli(['sync', '--db', db], { OPENVMO_SECRET_KEY: key })
    expect(synced.code, synced.stderr).toBe(0)
    expect(synced.stdout).toMatch(/PAY \(full\): 3 pulled: 3 new/)
    const nokey = await runCli(['source', 'list', '--db', db])
    expect(nokey.stdout).toMatch(/stored encrypted: .*OPENVMO_SECRET_KEY is not set/)
  })

  test('re-encrypts stored tokens with a new key, reading them with the previous one', async () => {
    await runCli(addArgs(['--store-token', '--no-test']), {
      JIRA_TOKEN: fake.token,
      OPENVMO_SECRET_KEY: key,
    })
    const rotated = await runCli(['secrets', 'rotate', '--db', db], {
      OPENVMO_SECRET_KEY: newKey,
      OPENVMO_SECRET_KEY_PREVIOUS: key,
    })
    expect(rotated.code, rotated.stderr).toBe(0)
    expect(rotated.stdout).toMatch(/re-encrypted 1 stored token/)
    const tested = await runCli(['source', 'test', 'acme-jira', '--db', db], {
      OPENVMO_SECRET_KEY: newKey,
    })
    expect(tested.code, tested.stderr).toBe(0)
    const old = await runCli(['source', 'test', 'acme-jira', '--db', db], {
      OPENVMO_SECRET_KEY: key,
    })
    expect(old.code).toBe(2)
    expect(old.stderr).toMatch(/encrypted with key \w+, which is neither OPENVMO_SECRET_KEY/)
  })

  test('a failed connection test saves the source, says so and exits 1', async () => {
    const added = await runCli(addArgs(), { JIRA_TOKEN: 'tok-5f2c91-wrong' })
    expect(added.code).toBe(1)
    expect(added.stdout).toMatch(/connection FAILED/)
    expect(added.stderr).toMatch(/saved, but its connection test failed/)
    expect(added.stderr + added.stdout).not.toContain('tok-5f2c91-wrong')
  })

  test('removes a source and its items only when confirmed', async () => {
    const env = { JIRA_TOKEN: fake.token }
    await runCli(addArgs(['--no-test']), env)
    await runCli(['sync', '--db', db], env)
    const unasked = await runCli(['source', 'remove', 'acme-jira', '--db', db])
    expect(unasked.code).toBe(2)
    expect(unasked.stderr).toMatch(/pass --yes to confirm/)
    const removed = await runCli(['source', 'remove', 'acme-jira', '--yes', '--db', db])
    expect(removed.stdout).toBe('removed source acme-jira and its 3 items\n')
    const store = await openStore({ db, mode: 'read-existing' })
    expect(await store.countItems()).toMatchObject({ items: 0 })
    await store.close()
  })
})

describe('the audit log of CLI writes', () => {
  const entries = async () => {
    const audit = await runCli(['audit', '--db', db])
    expect(audit.code, audit.stderr).toBe(0)
    return audit.stdout
      .trim()
      .split('\n')
      .map((line) => line.split('  ').slice(1).join('  '))
      .reverse()
  }

  test('records adding, syncing, re-keying and removing a source, naming no token', async () => {
    const env = { JIRA_TOKEN: fake.token, OPENVMO_SECRET_KEY: key, USER: 'ops' }
    expect((await runCli(addArgs(['--store-token', '--no-test']), env)).code).toBe(0)
    expect((await runCli(['sync', '--db', db], env)).code).toBe(0)
    const rotate = { ...env, OPENVMO_SECRET_KEY: newKey, OPENVMO_SECRET_KEY_PREVIOUS: key }
    expect((await runCli(['secrets', 'rotate', '--db', db], rotate)).code).toBe(0)
    const removed = await runCli(['source', 'remove', 'acme-jira', '--yes', '--db', db], env)
    expect(removed.code, removed.stderr).toBe(0)
    const log = await entries()
    expect(log).toEqual([
      'cli:ops (cli)  source.add acme-jira {"kind":"jira","scopes":["PAY"],"token":"stored"}',
      'cli:ops (cli)  source.sync acme-jira {"outcome":"succeeded","full":false,"pulled":3}',
      expect.stringMatching(/^cli:ops \(cli\) {2}secrets\.rotate \{"rotated":1,"key":"\w+"\}$/),
      'cli:ops (cli)  source.remove acme-jira {"items":3}',
    ])
    expect(log.join('\n')).not.toContain(fake.token)
  })

  test('records an import and a saved mapping', async () => {
    const { history, config } = writeHistoryFixture(testRecords())
    const env = { USER: 'ops' }
    const imported = await runCli(['import', history, '--db', db, '--no-quality'], env)
    expect(imported.code, imported.stderr).toBe(0)
    expect((await runCli(['map', 'save', config, '--db', db], env)).code).toBe(0)
    const items = testRecords().length
    expect(await entries()).toEqual([
      `cli:ops (cli)  import h.ndjson {"items":${items},"inserted":${items},"updated":0,"changes":${testRecords().reduce((n, r) => n + r.changes.length, 0)},"skipped":0}`,
      'cli:ops (cli)  mapping.save openvmo.yaml {"version":1}',
    ])
  })
})

describe('vmo serve with a stored token and no key', () => {
  test('starts and says which sources cannot sync', async () => {
    await runCli(addArgs(['--store-token', '--no-test']), {
      JIRA_TOKEN: fake.token,
      OPENVMO_SECRET_KEY: key,
    })
    const server = spawnVmo(['serve', '--db', db, '--port', '0'])
    try {
      await server.waitFor('cannot sync')
      expect(server.stdout()).toMatch(/openvmo is serving/)
      expect(server.stderr()).toMatch(
        /source acme-jira cannot sync: stored encrypted: the token of source "acme-jira" is stored encrypted and OPENVMO_SECRET_KEY is not set/,
      )
    } finally {
      server.child.kill('SIGTERM')
      await server.exited
    }
  })
})
