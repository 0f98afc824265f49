import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Metafile } from 'esbuild'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { makeWorkItem } from '@openvmo/core'
import { buildCli, cliBuildIsCurrent, prerenderedRootHelp } from '../../bin/cli-build.mjs'
import { TEST_MAPPING_YAML, testRecords } from '../api/api-test-fixture'
import { openStore } from '../store/open-store'
import { runCli, writeHistoryFixture } from './testing/run-cli'

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
// Inside the repository, so the build's npm imports resolve in its node_modules.
const CACHE = join(ROOT, 'node_modules/.cache')

let dir = ''
let metafile: Metafile

/** Runs the compiled `vmo` in its own process. */
function runCompiled(args: readonly string[]) {
  const child = spawn(process.execPath, [join(dir, 'vmo.mjs'), ...args], { cwd: ROOT })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  return { child, exited, stdout: () => stdout, stderr: () => stderr }
}

beforeAll(async () => {
  mkdirSync(CACHE, { recursive: true })
  dir = mkdtempSync(join(CACHE, 'vmo-compiled-'))
  metafile = await buildCli(dir)
  writeFileSync(
    join(dir, 'vmo.mjs'),
    "import { main } from './main.mjs'\nprocess.exitCode = await main(process.argv)\n",
  )
}, 120_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The source files of everything an output loads before running (its static imports). */
function staticallyLoaded(output: string) {
  const inputs = new Set<string>()
  const packages = new Set<string>()
  const seen = new Set<string>()
  const visit = (path: string) => {
    const file = metafile.outputs[path]
    if (seen.has(path) || !file) return
    seen.add(path)
    Object.keys(file.inputs).forEach((input) => inputs.add(input))
    for (const imported of file.imports) {
      if (imported.kind !== 'import-statement') continue
      if (imported.external) packages.add(imported.path)
      else visit(imported.path)
    }
  }
  visit(Object.keys(metafile.outputs).find((path) => path.endsWith(output)) ?? '')
  return { inputs: [...inputs], packages: [...packages] }
}

describe('the compiled vmo', () => {
  test('starts by loading neither the engine nor the store, the server or a database driver', () => {
    const { inputs, packages } = staticallyLoaded('/main.mjs')
    expect(inputs.some((input) => input.endsWith('src/cli/main.ts'))).toBe(true)
    expect(
      inputs.filter((input) => /core\/src\/(model|metrics|engine|forecast)\//.test(input)),
    ).toEqual([])
    expect(inputs.filter((input) => /server\/src\/(store|api|sources|sync)\//.test(input))).toEqual(
      [],
    )
    expect(packages.filter((name) => name !== 'commander' && !name.startsWith('node:'))).toEqual([])
  })

  test('a file-based command loads no store, server or database driver', () => {
    const metrics = Object.keys(metafile.outputs).find((path) =>
      Object.keys(metafile.outputs[path]?.inputs ?? {}).some((input) =>
        input.endsWith('commands/metrics-command.ts'),
      ),
    )
    const { inputs, packages } = staticallyLoaded(metrics ?? 'none')
    expect(inputs.some((input) => input.endsWith('commands/metrics-command.ts'))).toBe(true)
    expect(inputs.filter((input) => /server\/src\/(store|api|sync)\//.test(input))).toEqual([])
    // bundled npm packages show as inputs
    expect(
      inputs.filter((input) => /node_modules\/(kysely|hono|@hono|echarts)\//.test(input)),
    ).toEqual([])
    for (const driver of [
      'better-sqlite3',
      'pg',
      'kysely',
      'hono',
      '@hono/node-server',
      'piscina',
      'cli-progress',
      'cli-table3',
    ])
      expect(packages).not.toContain(driver)
  })

  test.each(['report', 'forecast', 'flow', 'map'])(
    'vmo %s of a history file loads no database driver, query builder or server',
    (name) => {
      const output = Object.keys(metafile.outputs).find((path) =>
        Object.keys(metafile.outputs[path]?.inputs ?? {}).some((input) =>
          input.endsWith(`commands/${name}-command.ts`),
        ),
      )
      const { inputs, packages } = staticallyLoaded(output ?? 'none')
      expect(inputs.some((input) => input.endsWith(`commands/${name}-command.ts`))).toBe(true)
      expect(
        inputs.filter((input) => /server\/src\/store\/(sqlite|postgres)\//.test(input)),
      ).toEqual([])
      expect(inputs.filter((input) => /node_modules\/(kysely|hono|@hono)\//.test(input))).toEqual(
        [],
      )
      for (const driver of ['better-sqlite3', 'pg', 'pg-copy-streams', 'piscina', 'cli-progress'])
        expect(packages).not.toContain(driver)
    },
  )

  test('prints the same help and the same figures as the sources', async () => {
    const help = runCompiled(['--help'])
    expect(await help.exited).toBe(0)
    expect(help.stdout()).toBe((await runCli(['--help'])).stdout)

    const day = (d: number) => `2024-03-${String(d).padStart(2, '0')}T09:00:00Z`
    const { history, config } = writeHistoryFixture([
      makeWorkItem({
        key: 'A-1',
        created: day(1),
        path: [
          [day(3), 'In Progress'],
          [day(7), 'Done'],
        ],
      }),
      makeWorkItem({ key: 'A-2', created: day(2), path: [[day(5), 'In Progress']] }),
    ])
    const args = ['metrics', '--input', history, '--config', config, '--as-of', '2024-04-01']
    const compiled = runCompiled([...args, '--json'])
    expect(await compiled.exited).toBe(0)
    const sources = await runCli([...args, '--json'])
    expect(sources.code).toBe(0)
    expect(JSON.parse(compiled.stdout())).toEqual(JSON.parse(sources.stdout))
  })

  test('renders the root help at build time as the CLI prints it, for exactly the help arguments', async () => {
    const { stdout } = await runCli(['--help'])
    expect(stdout).toContain('Usage: vmo')
    const pipe = { isTTY: false }
    for (const args of [['--help'], ['-h'], ['help']])
      expect(prerenderedRootHelp(args, pipe, dir)).toBe(stdout)
    expect(prerenderedRootHelp(['--help'], { isTTY: true, columns: 120 }, dir)).toBe(stdout)
    // a narrower terminal gets the help wrapped at its width, by the CLI
    expect(prerenderedRootHelp(['--help'], { isTTY: true, columns: 60 }, dir)).toBeUndefined()
    for (const args of [[], ['metrics', '--help'], ['--help', 'metrics'], ['--version']])
      expect(prerenderedRootHelp(args, pipe, dir)).toBeUndefined()
    expect(prerenderedRootHelp(['--help'], pipe, join(dir, 'missing'))).toBeUndefined()
  })

  test('serves the API, computing in its worker threads', async () => {
    const storeDir = mkdtempSync(join(CACHE, 'vmo-compiled-store-'))
    const db = join(storeDir, 'openvmo.db')
    const store = await openStore({ db })
    await store.importRecords(testRecords())
    await store.saveMappingVersion(TEST_MAPPING_YAML)
    await store.close()
    const server = runCompiled(['serve', '--db', db, '--port', '0'])
    try {
      const url = await new Promise<string>((resolve, reject) => {
        server.child.stdout.on('data', () => {
          const match = /at (http:\/\/\S+)/.exec(server.stdout())
          if (match?.[1]) resolve(match[1])
        })
        server.child.on('exit', () => reject(new Error(`vmo serve exited: ${server.stderr()}`)))
      })
      const res = await fetch(`${url}/api/v1/metrics?asOf=2024-04-01T00:00:00Z`)
      expect(res.status).toBe(200)
      const body = (await res.json()) as { periods: unknown[] }
      expect(body.periods.length).toBeGreaterThan(0)
    } finally {
      server.child.kill('SIGTERM')
      await server.exited
      rmSync(storeDir, { recursive: true, force: true })
    }
  }, 90_000)

  test('is current until a source changes, a source is added or one is removed', () => {
    expect(cliBuildIsCurrent(dir)).toBe(true)
    const added = join(ROOT, 'packages/core/src', `zz-compiled-cli-test-${process.pid}.ts`)
    writeFileSync(added, 'export {}\n')
    const later = new Date(Date.now() + 60_000)
    try {
      utimesSync(added, new Date(0), new Date(0)) // an old file: only its count tells
      expect(cliBuildIsCurrent(dir)).toBe(false)
      utimesSync(added, later, later)
      expect(cliBuildIsCurrent(dir)).toBe(false)
    } finally {
      rmSync(added)
    }
    expect(cliBuildIsCurrent(dir)).toBe(true)
  })

  test('is stale while a source written in place is newer than the build', () => {
    // the folder's time does not change when a file is rewritten in place: only the file's does
    const source = join(ROOT, 'packages/core/src/index.ts')
    const { atime, mtime } = statSync(source)
    const later = new Date(Date.now() + 60_000)
    try {
      utimesSync(source, atime, later)
      expect(cliBuildIsCurrent(dir)).toBe(false)
    } finally {
      utimesSync(source, atime, mtime)
    }
    expect(cliBuildIsCurrent(dir)).toBe(true)
  })
})
