import { spawn } from 'node:child_process'
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach } from 'vitest'

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url))
const VMO = fileURLToPath(new URL('../../../bin/vmo.mjs', import.meta.url))

/** A `vmo` process: its output so far and its exit. */
export interface VmoProcess {
  child: ChildProcessWithoutNullStreams
  stdout: () => string
  stderr: () => string
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>
  /** Resolves once stdout or stderr contains `text`; rejects if the process exits first. */
  waitFor(text: string): Promise<void>
}

/** Options of {@link spawnVmo}. */
export interface SpawnVmoOptions {
  /** Added to the environment (SQLite by default: `DATABASE_URL` is removed unless given here). */
  env?: Record<string, string>
  /** Run as this uid/gid (through setpriv), e.g. a user who may not write the store. */
  as?: { uid: number; gid: number }
}

/** Starts `node packages/server/bin/vmo.mjs ...args` from the repository root. */
export function spawnVmo(args: readonly string[], options: SpawnVmoOptions = {}): VmoProcess {
  // Tests run the sources (compiled-cli.test.ts checks the build).
  const env: NodeJS.ProcessEnv = { ...process.env, OPENVMO_CLI_SOURCES: '1', ...options.env }
  if (!options.env?.DATABASE_URL) delete env.DATABASE_URL
  const command = [process.execPath, VMO, ...args]
  if (options.as) {
    const { uid, gid } = options.as
    command.unshift('setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups')
  }
  const child = spawn(command[0] as string, command.slice(1), { cwd: ROOT, env })
  let stdout = ''
  let stderr = ''
  const watchers = new Set<() => void>()
  const notify = () => watchers.forEach((watch) => watch())
  child.stdout.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), notify()))
  child.stderr.on('data', (chunk: Buffer) => ((stderr += chunk.toString()), notify()))
  let closed = false
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => {
      closed = true
      resolve(code)
      notify()
    })
  })
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitFor: (text) =>
      new Promise<void>((resolve, reject) => {
        const watch = () => {
          if (stdout.includes(text) || stderr.includes(text)) {
            watchers.delete(watch)
            resolve()
          } else if (closed) {
            watchers.delete(watch)
            reject(new Error(`vmo exited before printing "${text}": ${stdout}${stderr}`))
          }
        }
        watchers.add(watch)
        watch()
      }),
  }
}

/**
 * For the calling test file: cleanups run after each test (the last added first), and `track`,
 * which kills a `vmo` a failed test left running.
 */
export function cleanupAfterEach() {
  const cleanups: (() => Promise<unknown> | void)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const track = (vmo: VmoProcess): VmoProcess => {
    cleanups.push(() => void (vmo.child.exitCode === null && vmo.child.kill('SIGKILL')))
    return vmo
  }
  return { cleanups, track }
}
