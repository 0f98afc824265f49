import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { openStore } from '../store/open-store'
import { verifyPassword } from '../api/auth/passwords'
import { runCli, writeTempFiles } from './testing/run-cli'

const PASSWORD = 'a long enough password'

async function freshStore(): Promise<string> {
  const db = join(writeTempFiles({}), 'openvmo.db')
  const store = await openStore({ db, mode: 'create' })
  await store.close()
  return db
}

describe('vmo user and vmo audit', () => {
  test('adds accounts with the password from stdin, hashed with argon2id, and lists their roles', async () => {
    const db = await freshStore()
    const added = await runCli(
      ['user', 'add', 'ada', '--admin', '--password-stdin', '--db', db],
      {},
      {
        stdin: `${PASSWORD}\n`,
      },
    )
    expect(added.code, added.stderr).toBe(0)
    expect(added.stdout).toMatch(/^added admin ada to /)
    await runCli(['user', 'add', 'bob', '--password-stdin', '--db', db], {}, { stdin: PASSWORD })
    const granted = await runCli([
      'user',
      'grant',
      'bob',
      'editor',
      '--stream',
      'Payments',
      '--db',
      db,
    ])
    expect(granted.stdout).toBe('bob is editor of Payments now\n')
    await runCli(['user', 'grant', 'bob', 'viewer', '--stream', 'Lending', '--db', db])
    const listed = await runCli(['user', 'list', '--db', db])
    // roles by stream name
    expect(listed.stdout).toBe('ada: admin\nbob: viewer of Lending, editor of Payments\n')
    expect(readFileSync(db).includes(Buffer.from(PASSWORD))).toBe(false)
    const store = await openStore({ db })
    const ada = await store.findUser({ name: 'ada' })
    await store.close()
    expect(ada?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(await verifyPassword(ada?.passwordHash ?? null, PASSWORD)).toBe(true)
  })

  test('never takes a password as an argument, refuses a short one, and needs a terminal or stdin', async () => {
    const db = await freshStore()
    const asArg = await runCli(['user', 'add', 'ada', '--password', PASSWORD, '--db', db])
    expect(asArg.code).toBe(2)
    expect(asArg.stderr).toMatch(/unknown option '--password'/)
    const short = await runCli(
      ['user', 'add', 'ada', '--password-stdin', '--db', db],
      {},
      {
        stdin: 'short',
      },
    )
    expect(short.code).toBe(2)
    expect(short.stderr).toBe('vmo: the password has 5 characters: at least 10 are needed\n')
    const noTty = await runCli(['user', 'add', 'ada', '--db', db])
    expect(noTty.stderr).toBe(
      'vmo: no terminal to ask the password at: pipe it with --password-stdin\n',
    )
    const twice = await runCli(
      ['user', 'add', 'ada', '--password-stdin', '--db', db],
      {},
      { stdin: PASSWORD },
    )
    expect(twice.code).toBe(0)
    const again = await runCli(
      ['user', 'add', 'ada', '--password-stdin', '--db', db],
      {},
      {
        stdin: PASSWORD,
      },
    )
    expect(again.stderr).toBe('vmo: a user named "ada" already exists\n')
  })

  test('disables, enables and resets accounts, and reads it all back from the audit log', async () => {
    const db = await freshStore()
    await runCli(
      ['user', 'add', 'ada', '--password-stdin', '--db', db],
      { USER: 'root' },
      { stdin: PASSWORD },
    )
    expect((await runCli(['user', 'disable', 'ada', '--db', db])).stdout).toBe('disabled ada\n')
    expect((await runCli(['user', 'list', '--db', db])).stdout).toBe('ada (disabled): no roles\n')
    await runCli(['user', 'enable', 'ada', '--db', db])
    const reset = await runCli(
      ['user', 'reset-password', 'ada', '--password-stdin', '--db', db],
      {},
      {
        stdin: 'another long password\n',
      },
    )
    expect(reset.stdout).toBe('new password set for ada; its sessions ended\n')
    const unknown = await runCli(['user', 'disable', 'nobody', '--db', db])
    expect(unknown.stderr).toBe('vmo: no user named "nobody" (vmo user list shows them)\n')
    const audit = await runCli(['audit', '--db', db])
    expect(audit.code, audit.stderr).toBe(0)
    expect(
      audit.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('  ').slice(1).join('  ')),
    ).toEqual([
      'cli:operator (cli)  user.reset-password ada {"sessionsEnded":0}',
      'cli:operator (cli)  user.enable ada',
      'cli:operator (cli)  user.disable ada',
      'cli:root (cli)  user.add ada {"admin":false}',
    ])
    const json = await runCli([
      'audit',
      '--json',
      '--user',
      'cli:root',
      '--since',
      '2024-01-01',
      '--db',
      db,
    ])
    expect(JSON.parse(json.stdout)).toMatchObject({ actor: 'cli:root', action: 'user.add' })
    const recent = await runCli(['audit', '--since', '1h', '--db', db])
    // runCli's clock is 2024-06-01; the entries were written at that instant
    expect(recent.stdout.split('\n').filter(Boolean)).toHaveLength(4)
    expect(audit.stdout + json.stdout).not.toContain(PASSWORD)
  })
})
