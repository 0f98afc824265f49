#!/usr/bin/env node
// The vmo CLI. It runs the compiled build (dist/, made by `npm install` or `npm run build`) while
// that is current; otherwise, and with OPENVMO_CLI_SOURCES=1 (tests, development), the TypeScript
// sources through tsx's loader.
import { CLI_MAIN_URL, cliBuildIsCurrent, prerenderedRootHelp } from './cli-build.mjs'

async function load() {
  const fromSources = process.env.OPENVMO_CLI_SOURCES === '1'
  if (!fromSources && cliBuildIsCurrent()) {
    // `vmo --help`: the text the build rendered from the same definitions, without loading them
    const help = prerenderedRootHelp(process.argv.slice(2), process.stdout)
    if (help !== undefined) return { main: async () => (process.stdout.write(help), 0) }
    return import(CLI_MAIN_URL)
  }
  if (!fromSources)
    process.stderr.write(
      'vmo: the compiled CLI is missing or older than the sources, so they run through tsx (slower); npm run build compiles them\n',
    )
  const { register } = await import('tsx/esm/api')
  register()
  return import('../src/cli/main.ts')
}

const { main } = await load()
process.exitCode = await main(process.argv)
