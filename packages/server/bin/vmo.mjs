#!/usr/bin/env node
// The vmo CLI. TypeScript sources run through tsx's loader, so no build step is needed.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/main.ts')
process.exitCode = await main(process.argv)
