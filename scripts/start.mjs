// `npm start`: compiles the CLI and builds the dashboard when their sources changed since
// `npm install` built them, creates the demo store on first run, and serves the dashboard and API
// (default http://localhost:4400; PORT and OPENVMO_DB are honoured).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { buildCli, cliBuildIsCurrent } from '../packages/server/bin/cli-build.mjs'

const root = new URL('..', import.meta.url).pathname
const web = join(root, 'packages/web')
const dist = join(web, 'dist')
const vmo = [join(root, 'packages/server/bin/vmo.mjs')]

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

if (!cliBuildIsCurrent()) {
  console.log('compiling the CLI and server …')
  await buildCli()
}

const index = join(dist, 'index.html')
const sources = Math.max(newestMtime(join(web, 'src')), statSync(join(web, 'index.html')).mtimeMs)
if (!existsSync(index) || statSync(index).mtimeMs < sources) {
  console.log('building the dashboard …')
  run('npm', ['run', 'build', '--silent', '-w', 'packages/web'])
}

const db = process.env.OPENVMO_DB ?? join(root, 'openvmo.db')
if (!process.env.DATABASE_URL && !existsSync(db)) {
  console.log(`creating the demo organisation in ${db} (first run only) …`)
  run(process.execPath, [...vmo, 'demo', '--db', db])
}

const args = [...vmo, 'serve', '--web', dist, ...(process.env.DATABASE_URL ? [] : ['--db', db])]
const server = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root })
process.exit(server.status ?? 0)
