import { existsSync } from 'node:fs'
import type { Command } from 'commander'
import { VmoError } from '@openvmo/core'
import { createApp } from '../../api/create-app'
import { startServer } from '../../api/serve'
import type { CliIo } from '../cli-io'
import { describeStore, openCliStore } from '../open-cli-store'

interface ServeOptions {
  db?: string
  port?: string
  host: string
  web?: string
}

function portOf(options: ServeOptions, io: CliIo): number {
  const text = options.port ?? io.env.PORT ?? '4400'
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new VmoError('INVALID_INPUT', `port "${text}" is not a port number`)
  return port
}

/** `vmo serve`: the HTTP API (and the dashboard with --web) over the store, until interrupted. */
export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description(
      'serve the HTTP API at /api/v1 (OpenAPI at /api/openapi.json, reference at /api/docs) and the dashboard',
    )
    .option(
      '--db <path>',
      'SQLite store file (default ./openvmo.db; $DATABASE_URL selects PostgreSQL)',
    )
    .option('--port <port>', 'port (default $PORT or 4400)')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--web <dir>', 'the built dashboard folder (packages/web/dist)')
    .action(async (options: ServeOptions) => {
      if (options.web && !existsSync(`${options.web}/index.html`)) {
        throw new VmoError(
          'INVALID_INPUT',
          `--web "${options.web}" has no index.html: build the dashboard first (npm run build -w packages/web)`,
        )
      }
      const port = portOf(options, io)
      // a mapping save waits this long for an import's write lock before answering 503
      const lockWaitMs = io.env.OPENVMO_LOCK_WAIT_MS ? undefined : 10_000
      const store = await openCliStore({ db: options.db, lockWaitMs }, io)
      const app = createApp({ store, clock: io.now, webRoot: options.web })
      const server = await startServer({ app, port, host: options.host })
      io.stdout(
        `openvmo is serving ${describeStore(options, io)} at ${server.url}  (API reference: ${server.url}/api/docs)\n`,
      )
      await new Promise<void>((resolve) => {
        const stop = () =>
          void server
            .close()
            .then(() => store.close())
            .then(resolve)
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      })
    })
}
