// `npm run build` (and `prepare`, so `npm install` and `npm ci` run it): compiles the vmo CLI and
// server into packages/server/dist and builds the dashboard into packages/web/dist, so neither
// `vmo` nor the first `npm start` waits for a compiler.
import { spawnSync } from 'node:child_process'
import { buildCli } from '../packages/server/bin/cli-build.mjs'

await buildCli()
const web = spawnSync('npm', ['run', 'build', '--silent', '-w', 'packages/web'], {
  stdio: 'inherit',
  cwd: new URL('..', import.meta.url).pathname,
})
process.exit(web.status ?? 1)
