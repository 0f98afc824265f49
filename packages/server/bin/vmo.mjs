#!/usr/bin/env node
// The vmo CLI. It runs the compiled build (dist/, made by `npm install` or `npm run build`) while
// that is current; otherwise, and with OPENVMO_CLI_SOURCES=1 (tests, development), the TypeScript
// sources through tsx's loader.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CLI_DIST, cliBuildIsCurrent } from './cli-build.mjs'

async function load() {
  const fromSources = process.env.OPENVMO_CLI_SOURCES === '1'
  if (!fromSources && cliBuildIsCurrent())
    return import(pathToFileURL(join(CLI_DIST, 'main.mjs')).href)
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
