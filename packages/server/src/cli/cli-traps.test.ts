import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Command } from 'commander'
import { describe, expect, test } from 'vitest'
import { createProgram } from './main'
import { runCli } from './testing/run-cli'

const PACKAGES = fileURLToPath(new URL('../../../', import.meta.url))

/** Runs `vmo` with `args` in a fresh empty folder, as on a new machine. */
async function inNewFolder(args: readonly string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'vmo-new-'))
  const cwd = process.cwd()
  process.chdir(dir)
  try {
    return { dir, ...(await runCli(args)) }
  } finally {
    process.chdir(cwd)
  }
}

describe('reading commands on a new machine', () => {
  test.each([
    ['metrics'],
    ['flow', 'cfd'],
    ['flow', 'aging'],
    ['forecast', 'when', '--items', '3'],
    ['map', 'show'],
    ['map', 'suggest'],
    ['export', '--out', 'out.ndjson'],
  ])('vmo %s without --db fails and leaves no ./openvmo.db behind', async (...args) => {
    const { dir, code, stderr } = await inNewFolder(args)
    expect(code).not.toBe(0)
    expect(stderr).toContain('no openvmo store at "./openvmo.db"')
    expect(readdirSync(dir).filter((name) => name.startsWith('openvmo.db'))).toEqual([])
  })
})

/** The source files of the packages (tests left out), recursively. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name === 'node_modules' || name === 'dist' || name === 'e2e') return []
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !path.includes('/testing/')
      ? [path]
      : []
  })
}

const STRING_LITERAL = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g
const VMO_COMMAND = /\bvmo ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?/g

/** Every `vmo <command> [<sub-command>]` named inside a string literal of the sources. */
function commandsNamedInMessages(): { file: string; words: string[] }[] {
  const named: { file: string; words: string[] }[] = []
  for (const dir of ['core/src', 'server/src', 'web/src']) {
    for (const file of sourceFiles(join(PACKAGES, dir))) {
      for (const literal of readFileSync(file, 'utf8').match(STRING_LITERAL) ?? []) {
        for (const match of literal.matchAll(VMO_COMMAND)) {
          named.push({
            file: file.slice(PACKAGES.length),
            words: match.slice(1, 3).flatMap((w) => w ?? []),
          })
        }
      }
    }
  }
  return named
}

/** Words after `vmo <command>` that end the command name (`vmo source and vmo sync`). */
const PROSE = new Set(['and', 'or', 'with', 'on', 'of', 'in', 'to', 'for', 'the', 'commands'])

/** Whether `words` name a command of `program`: a command, and a sub-command when it has no action of its own. */
function findProblem(program: Command, words: string[]): string | undefined {
  const [name, next] = words
  const sub = next !== undefined && PROSE.has(next) ? undefined : next
  if (name === 'help') return undefined // commander's own: `vmo help <command>`
  const command = program.commands.find((c) => c.name() === name)
  if (!command) return `"vmo ${name}" is not a command`
  if (command.commands.length === 0) return undefined
  const hasOwnAction = (command as unknown as { _actionHandler: unknown })._actionHandler != null
  if (sub === undefined && next !== undefined) return undefined
  if (sub !== undefined && command.commands.some((c) => c.name() === sub)) return undefined
  return hasOwnAction ? undefined : `"vmo ${words.join(' ')}" is not a command of vmo ${name}`
}

describe('commands named in messages', () => {
  test('every vmo command a message, hint or page names exists in the CLI', async () => {
    const program = await createProgram(
      { stdout: () => {}, stderr: () => {}, isTty: false, now: () => 0, env: {} },
      () => {},
    )
    const named = commandsNamedInMessages()
    expect(named.length).toBeGreaterThan(20)
    const problems = named.flatMap(({ file, words }) => {
      const problem = findProblem(program, words)
      return problem === undefined ? [] : [`${file}: ${problem}`]
    })
    expect(problems).toEqual([])
  })

  test('the check catches a command that does not exist', async () => {
    const program = await createProgram(
      { stdout: () => {}, stderr: () => {}, isTty: false, now: () => 0, env: {} },
      () => {},
    )
    expect(findProblem(program, ['mapping'])).toBe('"vmo mapping" is not a command')
    expect(findProblem(program, ['map', 'apply'])).toBe(
      '"vmo map apply" is not a command of vmo map',
    )
    expect(findProblem(program, ['map', 'save'])).toBeUndefined()
    expect(existsSync(PACKAGES)).toBe(true)
  })
})

/** Files of the spec beside the repository, which users never have. */
const OUTSIDE = /FORMATS\.md|FLOW-METRICS\.md|PRODUCT\.md|STYLE\.md|\.\.\/shared/

describe('references outside the repository', () => {
  test('no message or output of the sources cites a file users do not have', () => {
    const cited = ['core/src', 'server/src', 'web/src'].flatMap((dir) =>
      sourceFiles(join(PACKAGES, dir)).flatMap((file) =>
        (readFileSync(file, 'utf8').match(STRING_LITERAL) ?? [])
          .filter((literal) => OUTSIDE.test(literal))
          .map((literal) => `${file.slice(PACKAGES.length)}: ${literal}`),
      ),
    )
    expect(cited).toEqual([])
  })

  test('no doc cites a file users do not have', () => {
    const root = join(PACKAGES, '..')
    const docs = [
      'README.md',
      ...readdirSync(join(root, 'docs')).flatMap((n) => (n.endsWith('.md') ? [`docs/${n}`] : [])),
    ]
    expect(docs.filter((doc) => OUTSIDE.test(readFileSync(join(root, doc), 'utf8')))).toEqual([])
  })
})
