import { existsSync } from 'node:fs'
import type { Command } from 'commander'
import { VmoError } from '@openvmo/core'
import { createApp } from '../../api/create-app'
import { startServer } from '../../api/serve'
import type { RunningServer } from '../../api/serve'
import { createWorkerExecutor } from '../../api/compute/worker-executor'
import type { ComputeExecutor } from '../../api/compute/compute-executor'
import type { Store } from '../../store/store'
import type { Environment } from '../../config/environment'
import { assertHttpUrl, readEnvironment } from '../../config/environment'
import { extraAllowedHosts } from '../../api/allowed-hosts'
import { parseCorsOrigins } from '../../api/cors-origins'
import { isLoopbackHost } from '../../api/loopback'
import { createLocalAuth } from '../../api/auth/local-auth'
import type { OidcClient } from '../../api/auth/oidc-client'
import { createOidcClient } from '../../api/auth/oidc-client'
import { readAuthConfig } from '../../config/auth-config'
import { NO_AUTH } from '../../api/auth/principal'
import { authenticationConfigured } from '../../api/auth/resolve-principal'
import { createSyncService } from '../../sync/sync-service'
import type { SyncService } from '../../sync/sync-service'
import type { CliIo } from '../cli-io'
import { describeStore, openCliStore } from '../open-cli-store'
import { environmentSecrets } from '../sources/source-secrets'
import { SOURCE_KINDS } from '../sources/source-kind-list'
import { isSyncOwnerGone, syncOwner } from '../sync-owner'
import { parseInterval } from './sync-command'

interface ServeOptions {
  db?: string
  port?: string
  host: string
  web?: string
  syncEvery?: string
  publicUrl?: string
  corsOrigins?: string
  /** False with `--no-auth`. */
  auth: boolean
  trustProxy?: boolean
  authConfig?: string
}

function portOf(options: ServeOptions, env: Environment): number {
  if (options.port === undefined) return env.port ?? 4400
  const port = Number(options.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new VmoError('INVALID_INPUT', `--port "${options.port}" is not a port number`)
  return port
}

/** Says which configured sources cannot sync (a missing token or key), instead of failing. */
async function warnUnsyncable(
  store: Store,
  secrets: ReturnType<typeof environmentSecrets>,
  io: CliIo,
): Promise<void> {
  for (const info of await store.listSources()) {
    const source = await store.findSource(info.name)
    if (!source) continue
    const token = secrets.describeToken(source)
    if (!token.ok) io.stderr(`openvmo: source ${source.name} cannot sync: ${token.text}\n`)
  }
}

/**
 * INVALID_INPUT when the server would listen beyond loopback with no sign-in: no local account
 * exists and no OpenID provider is configured (`signIn` false) and no `--no-auth`, so anyone who reaches it could read and change
 * everything. With `--no-auth`, a warning on every start (sign-in is then off even when
 * accounts exist).
 */
function checkExposure(options: ServeOptions, io: CliIo, signIn: boolean): void {
  if (options.auth && !signIn && !isLoopbackHost(options.host)) {
    throw new VmoError(
      'INVALID_INPUT',
      `refusing to listen on --host "${options.host}" without authentication: anyone who reaches it could read and change everything. Add an account (vmo user add NAME --admin) or an OpenID provider (--auth-config) so that everyone signs in, or listen on 127.0.0.1 behind a reverse proxy that terminates TLS (docs/security.md), or, on a trusted network only, add --no-auth`,
    )
  }
  if (!options.auth) {
    io.stderr(
      `openvmo: warning: --no-auth: anyone who can reach ${options.host} may read and change everything (no sign-in); use it on a trusted network only\n`,
    )
  }
}

/** The public URL from `--public-url` or `OPENVMO_PUBLIC_URL`, checked. */
function publicUrlOf(options: ServeOptions, env: Environment): string | undefined {
  if (options.publicUrl === undefined) return env.publicUrl
  assertHttpUrl(options.publicUrl, '--public-url')
  return options.publicUrl
}

/**
 * The OIDC client of `--auth-config`, if it configures a provider. Its redirect URI is
 * `<public URL>/api/v1/auth/oidc/callback`, so a provider needs `--public-url`.
 */
function oidcClientOf(
  options: ServeOptions,
  at: { io: CliIo; publicUrl: string | undefined },
): OidcClient | undefined {
  if (options.authConfig === undefined) return undefined
  const settings = readAuthConfig(options.authConfig, at.io.env)
  if (!settings) return undefined
  if (!options.auth) {
    throw new VmoError(
      'INVALID_INPUT',
      `--auth-config configures sign-in, --no-auth turns it off: use one`,
    )
  }
  if (at.publicUrl === undefined) {
    throw new VmoError(
      'INVALID_CONFIG',
      'sign-in through an OpenID provider needs --public-url (or OPENVMO_PUBLIC_URL): the redirect URI to register is <public URL>/api/v1/auth/oidc/callback',
    )
  }
  const redirectUri = `${at.publicUrl.replace(/\/+$/, '')}/api/v1/auth/oidc/callback`
  return createOidcClient(settings, redirectUri)
}

/** The origins of `--cors-origins`, else `OPENVMO_CORS_ORIGINS`, checked. */
function corsOriginsOf(options: ServeOptions, env: Environment): string[] {
  if (options.corsOrigins !== undefined)
    return parseCorsOrigins(options.corsOrigins, '--cors-origins')
  return env.corsOrigins ? parseCorsOrigins(env.corsOrigins, 'OPENVMO_CORS_ORIGINS') : []
}

/** How long a shutdown may take before the process exits anyway. */
const SHUTDOWN_MS = 8_000

/**
 * Stops on SIGINT or SIGTERM: workers stop at once (their requests answer 503), no new
 * connections, other requests in flight get two seconds, the store closes; if anything hangs, the process exits after
 * {@link SHUTDOWN_MS}. A second signal exits at once.
 */
function untilSignal(parts: {
  server: RunningServer
  executor: ComputeExecutor
  sync: SyncService
  store: Store
}) {
  return new Promise<void>((resolve) => {
    let stopping = false
    const stop = () => {
      if (stopping) process.exit(1)
      stopping = true
      setTimeout(() => process.exit(0), SHUTDOWN_MS).unref()
      // Computations in flight are stopped first: their requests answer 503 and the server can
      // close without waiting for them.
      void parts.sync
        .close()
        .then(() => parts.executor.close())
        .then(() => parts.server.close(2_000))
        .then(() => parts.store.close())
        .catch((error: unknown) => console.error('openvmo: shutdown', error))
        .finally(resolve)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
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
    .option(
      '--public-url <url>',
      'the address users open (https://vmo.example.com; default $OPENVMO_PUBLIC_URL): requests naming another host than it or loopback are refused',
    )
    .option(
      '--cors-origins <origins>',
      'comma-separated origins whose pages may read the API (default $OPENVMO_CORS_ORIGINS, else none)',
    )
    .option(
      '--no-auth',
      'allow listening beyond loopback (--host) with no authentication, for a trusted network only',
    )
    .option(
      '--sync-every <interval>',
      'sync every source on this schedule (e.g. 15m); webhooks work without it',
    )
    .option(
      '--auth-config <file>',
      'YAML with auth.oidc: sign-in through an OpenID provider (issuer, clientId, groupsClaim, roles; the client secret from $OPENVMO_OIDC_CLIENT_SECRET)',
    )
    .option(
      '--trust-proxy',
      'behind a reverse proxy: take the client address and https from X-Forwarded-For/-Proto',
    )
    .action(async (options: ServeOptions) => {
      if (options.web && !existsSync(`${options.web}/index.html`)) {
        throw new VmoError(
          'INVALID_INPUT',
          `--web "${options.web}" has no index.html: build the dashboard first (npm run build -w packages/web)`,
        )
      }
      const env = readEnvironment(io.env)
      const port = portOf(options, env)
      const publicUrl = publicUrlOf(options, env)
      const corsOrigins = corsOriginsOf(options, env)
      // a mapping save waits this long for an import's write lock before answering 503
      const lockWaitMs = env.lockWaitMs ?? 10_000
      const oidc = oidcClientOf(options, { io, publicUrl })
      const store = await openCliStore({ db: options.db, lockWaitMs }, io)
      const signIn = options.auth && (oidc !== undefined || (await authenticationConfigured(store)))
      try {
        checkExposure(options, io, signIn)
      } catch (error) {
        await store.close()
        throw error
      }
      const executor = createWorkerExecutor({
        threads: env.computeThreads,
        deadlineMs: env.computeDeadlineMs,
      })
      const secrets = environmentSecrets(io.env)
      const sync = createSyncService({
        store,
        kinds: SOURCE_KINDS,
        secrets,
        owner: syncOwner(),
        isOwnerGone: isSyncOwnerGone,
        clock: io.now,
        ...(options.syncEvery ? { everyMs: parseInterval(options.syncEvery) } : {}),
        onError: (message) => io.stderr(`openvmo sync: ${message}\n`),
      })
      const loopback = isLoopbackHost(options.host)
      const app = createApp({
        store,
        clock: io.now,
        webRoot: options.web,
        executor,
        sync,
        loopback,
        allowedHosts: extraAllowedHosts({ publicUrl, listenHost: options.host }),
        corsOrigins,
        ...(options.auth
          ? {
              auth: createLocalAuth({
                store,
                clock: io.now,
                trustProxy: options.trustProxy ?? false,
                ...(oidc ? { oidc } : {}),
              }),
            }
          : { resolvePrincipal: () => Promise.resolve(NO_AUTH) }),
      })
      const server = await startServer({ app, port, host: options.host })
      io.stdout(
        `openvmo is serving ${describeStore(options, io)} at ${server.url}  (API reference: ${server.url}/api/docs)\n`,
      )
      io.stdout(
        !options.auth
          ? 'sign-in off (--no-auth)\n'
          : oidc
            ? `sign-in required (${oidc.settings.displayName} through OIDC, redirect URI ${oidc.redirectUri}; local accounts: vmo user list)\n`
            : signIn
              ? 'sign-in required (local accounts: vmo user list)\n'
              : 'single-user mode: no accounts (add one with vmo user add NAME --admin to require sign-in)\n',
      )
      await warnUnsyncable(store, secrets, io)
      await untilSignal({ server, executor, sync, store })
    })
}
