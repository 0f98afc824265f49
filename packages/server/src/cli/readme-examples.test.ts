import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, test } from 'vitest'
import { generateDemoOrganisation } from '../demo/generate-demo-organisation'
import { createSqliteStore } from '../store/sqlite/create-sqlite-store'
import { loadDemoIntoStore } from './commands/demo-command'
import { runCli } from './testing/run-cli'

const README = fileURLToPath(new URL('../../../../README.md', import.meta.url))
/** `runCli`'s clock: the demo is generated as of this instant. */
const NOW = Date.parse('2024-06-01T00:00:00Z')
/** Examples that need a tool, a server, an export folder or a long run: not run here. */
const NOT_RUN = /^vmo (serve|source|sync|secrets|demo|import exports)/

/**
 * The `vmo` commands of the README's command-line section, as written: one per `&&` part, with
 * `a|b|c` alternatives of a sub-command expanded, comments dropped.
 */
function readmeCommands(): string[] {
  const readme = readFileSync(README, 'utf8')
  const block = readme
    .split('```')
    .find((part) => part.includes('npx vmo map suggest --input history.ndjson'))
  if (block === undefined) throw new Error('the README has no command-line example block')
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('npx vmo '))
    .flatMap((line) => line.split(' && ').map((part) => part.trim().replace(/^npx /, '')))
    .flatMap((command) => {
      const [name = '', alternatives = '', ...rest] = command.split(' ').slice(1)
      if (!alternatives.includes('|') || alternatives.includes('…')) return [command]
      return alternatives.split('|').map((sub) => ['vmo', name, sub, ...rest].join(' '))
    })
}

describe('the README command-line examples on the demo', () => {
  let dir = ''

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vmo-readme-'))
    const org = generateDemoOrganisation({ asOfMs: NOW })
    const store = await createSqliteStore({ path: join(dir, 'openvmo.db') })
    try {
      await loadDemoIntoStore(store, org, {
        stdout: () => {},
        stderr: () => {},
        isTty: false,
        now: () => NOW,
        env: {},
      })
    } finally {
      await store.close()
    }
  }, 180_000)

  test('run as written in a folder with the demo store as ./openvmo.db', async () => {
    const commands = readmeCommands()
    expect(commands).toContain('vmo forecast item PAY-1000')
    const cwd = process.cwd()
    process.chdir(dir)
    try {
      const history = await runCli(['export', '--out', 'history.ndjson'])
      expect(history.code).toBe(0)
      const failed: string[] = []
      for (const command of commands.filter((c) => !NOT_RUN.test(c))) {
        const { code, stderr } = await runCli(command.split(' ').slice(1))
        if (code !== 0) failed.push(`${command}: exit ${code}: ${stderr.trim()}`)
      }
      expect(failed).toEqual([])
    } finally {
      process.chdir(cwd)
    }
  }, 300_000)
})
