// The compiled `vmo`: esbuild bundles the CLI's TypeScript (with @openvmo/core) into dist/, one
// file per command, so a start costs no compilation and loads only what the command needs. The
// root `prepare` script builds it at `npm install`; `bin/vmo.mjs` runs it while it is current.
// Checking that it is current only reads file times: esbuild is loaded to build, never to run.
import { createRequire } from 'node:module'

// Node's modules as CommonJS: importing node:fs as an ES module builds its facade, which loads
// every stream class, a third of what printing the prerendered help costs.
const require = createRequire(import.meta.url)
/** @type {import('node:fs')} */
const { readdirSync, readFileSync, statSync } = require('node:fs')
/** @type {import('node:path')} */
const { join, relative } = require('node:path')
/** @type {import('node:url')} */
const { fileURLToPath, pathToFileURL } = require('node:url')

const SERVER = fileURLToPath(new URL('..', import.meta.url))
const CORE = join(SERVER, '../core')

/** Where `vmo` is built by default. */
export const CLI_DIST = join(SERVER, 'dist')

/** The compiled CLI's entry module in {@link CLI_DIST}, as a URL to import. */
export const CLI_MAIN_URL = pathToFileURL(join(CLI_DIST, 'main.mjs')).href

const STAMP = 'build-stamp.json'

/** The root help (`vmo --help`) as the built CLI prints it, rendered at build time. */
const HELP = 'help.txt'

/** The arguments that print the root help and nothing else. */
const ROOT_HELP_ARGS = new Set(['--help', '-h', 'help'])

/**
 * The build's rendering of `vmo --help` when `args` ask for exactly that and `stdout` gets the
 * text the CLI would print (not a terminal narrower than the help's 80 columns); otherwise
 * undefined. Printing it costs no module of the CLI: the root help is most of what a start
 * that loads nothing else costs.
 */
export function prerenderedRootHelp(args, stdout, dir = CLI_DIST) {
  if (args.length !== 1 || !ROOT_HELP_ARGS.has(args[0])) return undefined
  if (stdout.isTTY && (stdout.columns ?? 80) < 80) return undefined
  try {
    return readFileSync(join(dir, HELP), 'utf8')
  } catch {
    return undefined
  }
}

/** Runs the CLI just built in `dir` with `--help` and returns what it printed. */
async function renderRootHelp(dir) {
  const { main } = await import(pathToFileURL(join(dir, 'main.mjs')).href)
  let text = ''
  const io = {
    stdout: (s) => (text += s),
    stderr: (s) => process.stderr.write(s),
    isTty: false,
    now: () => Date.now(),
    env: {},
  }
  const code = await main(['node', 'vmo', '--help'], io)
  if (code !== 0) throw new Error(`vmo --help exited with ${code} in the build`)
  return text
}

/** What the build is made from: both packages' sources and manifests, and this file. */
const INPUTS = [
  join(SERVER, 'src'),
  join(CORE, 'src'),
  join(SERVER, 'package.json'),
  join(CORE, 'package.json'),
  fileURLToPath(import.meta.url),
]

/** Tests and their helpers are not part of the build; changing them leaves it current. */
const isTestOnly = (name) => name === 'testing' || /\.test\.tsx?$/.test(name)

/**
 * The build's input files (paths relative to SERVER), their newest modification time, and the
 * modification time of every folder they are in (relative path → ms).
 */
function inputState() {
  let newestMs = 0
  const files = []
  const dirs = {}
  const visit = (path) => {
    const stats = statSync(path)
    if (stats.isDirectory()) {
      dirs[relative(SERVER, path)] = stats.mtimeMs
      for (const entry of readdirSync(path)) if (!isTestOnly(entry)) visit(join(path, entry))
      return
    }
    newestMs = Math.max(newestMs, stats.mtimeMs)
    files.push(relative(SERVER, path))
  }
  INPUTS.forEach(visit)
  return { newestMs, files, dirs }
}

/**
 * The modification time of `path` (relative to SERVER, as `relative` made it), or undefined when
 * it is gone. (Plain concatenation: `join` would normalise every one of hundreds of paths.)
 */
const mtimeOf = (path) => statSync(SERVER + path, { throwIfNoEntry: false })?.mtimeMs

/**
 * Whether the stamped input files are all there, none newer than `limitMs`, and no file was added
 * to or removed from their folders. A folder's time changes when an entry is added, removed or
 * renamed in it (so also when an editor saves by renaming), never when a file is written in place,
 * hence each file's own time too. This reads no folder: a few hundred stat calls, where listing
 * the folders costs several times more on every start.
 */
function stampedInputsUnchanged(stamp, limitMs) {
  if (!Array.isArray(stamp.files) || typeof stamp.dirs !== 'object' || stamp.dirs === null)
    return false
  for (const [dir, mtimeMs] of Object.entries(stamp.dirs))
    if (mtimeOf(dir) !== mtimeMs) return false
  return stamp.files.every((file) => (mtimeOf(file) ?? Infinity) <= limitMs)
}

/**
 * Whether `dir` holds a build of the current sources: no input changed since it was made, and
 * none was added or removed. While no folder of the inputs changed, the stamped files' times
 * answer; otherwise (a file added, a test written beside the code) the folders are listed again.
 */
export function cliBuildIsCurrent(dir = CLI_DIST) {
  let stamp
  try {
    stamp = JSON.parse(readFileSync(join(dir, STAMP), 'utf8'))
  } catch {
    return false
  }
  // (a source dated in the future, as from an archive, would otherwise never be current)
  const limitMs = Math.max(stamp.builtAtMs, stamp.newestMs)
  if (stampedInputsUnchanged(stamp, limitMs)) return true
  const now = inputState()
  const stamped = new Set(Array.isArray(stamp.files) ? stamp.files : [])
  return (
    now.newestMs <= limitMs &&
    now.files.length === stamped.size &&
    now.files.every((file) => stamped.has(file))
  )
}

/**
 * npm packages bundled all the same: ES modules spread over many files (Node loads one chunk
 * much faster than hundreds of modules; ECharts only the charts drawn). zod and
 * @hono/zod-openapi go together, so there is one zod. CommonJS, native and worker-spawning
 * packages stay imports.
 */
const BUNDLED = new Set([
  'commander',
  'echarts',
  'zod',
  '@hono/zod-openapi',
  'hono',
  '@hono/node-server',
  'kysely',
  'luxon',
  'yaml',
  'd3-array',
  'ky',
  'croner',
  'p-limit',
])

/** npm packages stay imports (resolved in node_modules at run time); the workspace's are bundled. */
function externals() {
  const names = [SERVER, CORE].flatMap((dir) =>
    Object.keys(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies ?? {}),
  )
  return names.filter((name) => !BUNDLED.has(name)).flatMap((name) => [name, `${name}/*`])
}

/**
 * Builds `vmo` into `dir`: main.mjs (the CLI), compute-worker.mjs (the API's compute threads) and
 * report-forecast-worker.mjs (`vmo report`'s forecast thread), each found next to the code that
 * starts it, and shared chunks. Returns esbuild's metafile.
 */
export async function buildCli(dir = CLI_DIST) {
  const { build } = await import('esbuild')
  const builtAtMs = Date.now()
  const { newestMs, files, dirs } = inputState()
  const { rmSync, mkdirSync, writeFileSync } = await import('node:fs')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const result = await build({
    entryPoints: {
      main: join(SERVER, 'src/cli/main.ts'),
      'compute-worker': join(SERVER, 'src/api/compute/compute-worker.ts'),
      'report-forecast-worker': join(SERVER, 'src/cli/report/report-forecast-worker.ts'),
    },
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: externals(),
    // bundled CommonJS modules (yaml's Node build) call require: give them Node's
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    metafile: true,
    logLevel: 'warning',
  })
  writeFileSync(join(dir, HELP), await renderRootHelp(dir))
  writeFileSync(join(dir, STAMP), JSON.stringify({ builtAtMs, newestMs, files, dirs }) + '\n')
  return result.metafile
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildCli()
}
