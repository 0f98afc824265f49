import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { openStore } from '../store/open-store'
import { verifyPassword } from '../api/auth/passwords'
import { writeTempFiles } from './testing/run-cli'

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const VMO = fileURLToPath(new URL('../../bin/vmo.mjs', import.meta.url))
const PASSWORD = 'typed at a terminal'

/**
 * Runs `vmo user add` in a pseudo-terminal (util-linux `script`), typing the password at each
 * prompt; returns everything the terminal showed.
 */
function addAtTerminal(db: string): Promise<{ code: number | null; screen: string }> {
  const command = `'${process.execPath}' '${VMO}' user add tty-user --db '${db}'`
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    cwd: ROOT,
    env: { ...process.env, OPENVMO_CLI_SOURCES: '1' },
  })
  let screen = ''
  let typed = 0
  child.stdout.on('data', (chunk: Buffer) => {
    screen += chunk.toString()
    const prompts = screen.match(/new password: |again: /g)?.length ?? 0
    for (; typed < prompts; typed++) child.stdin.write(`${PASSWORD}\r`)
  })
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, screen })))
}

test('asks the password twice at a terminal without echoing it', async () => {
  const db = join(writeTempFiles({}), 'openvmo.db')
  const created = await openStore({ db, mode: 'create' })
  await created.close()
  const { code, screen } = await addAtTerminal(db)
  expect(code, screen).toBe(0)
  expect(screen).toMatch(/new password: [\s\S]*again: [\s\S]*added user tty-user/)
  expect(screen).not.toContain(PASSWORD)
  const store = await openStore({ db })
  const user = await store.findUser({ name: 'tty-user' })
  await store.close()
  expect(await verifyPassword(user?.passwordHash ?? null, PASSWORD)).toBe(true)
})
