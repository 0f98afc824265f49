// `npm run test:e2e`: compiles the CLI and builds the dashboard, creates a fresh demo store in a
// temp folder, serves it on a free loopback port and runs the dashboard's end-to-end tests in
// Chromium against it.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const vmo = join(root, 'packages/server/bin/vmo.mjs')
const dir = mkdtempSync(join(tmpdir(), 'openvmo-e2e-'))
const db = join(dir, 'demo.db')

function run(command, args, env = {}) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, ...env },
  })
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`)
}

function startServer() {
  const server = spawn(
    process.execPath,
    [vmo, 'serve', '--db', db, '--port', '0', '--web', join(root, 'packages/web/dist')],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  return new Promise((resolve, reject) => {
    let output = ''
    server.stdout.on('data', (chunk) => {
      output += chunk
      const match = /at (http:\/\/[^\s]+)/.exec(output)
      if (match) resolve({ server, url: match[1] })
    })
    server.on('exit', (code) => reject(new Error(`vmo serve exited with ${code}: ${output}`)))
  })
}

let server
let code = 1
try {
  run('npm', ['run', 'build', '--silent']) // the compiled CLI and the dashboard
  run(process.execPath, [vmo, 'demo', '--db', db])
  const started = await startServer()
  server = started.server
  const tests = spawnSync('npm', ['run', 'test:e2e', '--silent', '-w', 'packages/web'], {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, OPENVMO_URL: started.url },
  })
  code = tests.status ?? 1
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
} finally {
  server?.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
}
process.exit(code)
