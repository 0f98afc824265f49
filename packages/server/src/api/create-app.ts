import { OpenAPIHono } from '@hono/zod-openapi'
import { serveStatic } from '@hono/node-server/serve-static'
import { VmoError } from '@openvmo/core'
import type { Store } from '../store/store'
import type { SyncService } from '../sync/sync-service'
import type { DataVersionProbe } from './data-version'
import type { FlowService } from './flow-service'
import { createFlowService } from './flow-service'
import type { ComputeExecutor } from './compute/compute-executor'
import type { PrincipalResolver } from './auth/principal'
import { principalMiddleware } from './auth/principal'
import { ACCESS_RULES, assertRulesCover } from './auth/access-rules'
import { hostAllowList } from './allowed-hosts'
import { corsFor } from './cors-origins'
import type { LocalAuth } from './auth/local-auth'
import { mountApiDocs } from './docs-page/api-docs-page'
import { handleError } from './http-error'
import { REQUEST_GUARDS } from './request-guards'
import { REQUEST_LIMITS } from './request-limits'
import { securityHeaders } from './security-headers'
import { flowRoutes } from './routes/flow-routes'
import { forecastRoutes } from './routes/forecast-routes'
import { itemRoutes } from './routes/item-routes'
import { mappingRoutes } from './routes/mapping-routes'
import { dependencyRoutes } from './routes/dependency-routes'
import { streamMappingRoutes } from './routes/stream-mapping-routes'
import { correlationRoutes } from './routes/correlation-routes'
import { metricsRoutes } from './routes/metrics-routes'
import { modelRoutes } from './routes/model-routes'
import { resultRoutes } from './routes/result-routes'
import type { SourceApiDeps } from './routes/source-routes'
import { sourceRoutes } from './routes/source-routes'
import { webhookRoutes } from './routes/webhook-routes'

/** Options of {@link createApp}. */
export interface CreateAppOptions {
  store: Store
  /** Epoch ms now; the only clock the API reads (tests pass a fixed one). */
  clock: () => number
  /** The built dashboard folder: served as static files, with index.html for client routes. */
  webRoot?: string
  /** Default: a flow service over `store` with `clock` (pass one to share or tune it). */
  service?: FlowService
  /** How the data version is probed (default: from the store); see {@link createFlowService}. */
  probe?: DataVersionProbe
  /** Where computations run (default: in the request's thread); ignored with `service`. */
  executor?: ComputeExecutor
  /**
   * The server's live sync: sources can then be tested and synced on request and webhook
   * deliveries are taken; without it sources are only listed.
   */
  sync?: SyncService
  /**
   * Whether the server listens on loopback only ({@link isLoopbackHost} of its host): adding,
   * testing and syncing sources on request needs it (403 otherwise). Default false.
   */
  loopback?: boolean
  /**
   * Establishes each request's principal (who acts, with which grants); default: single-user
   * mode, where every request may do everything.
   */
  resolvePrincipal?: PrincipalResolver
  /**
   * Host names besides loopback's that requests may name in `Host` (the public URL's, the listen
   * address: `extraAllowedHosts`); any other is refused (DNS rebinding). Default none.
   */
  allowedHosts?: readonly string[]
  /**
   * Origins whose pages may read the API cross-origin (`--cors-origins`); default none: no CORS
   * headers at all.
   */
  corsOrigins?: readonly string[]
  /**
   * Sign-in with local accounts ({@link createLocalAuth}): its resolver (instead of
   * `resolvePrincipal`), its access guard on every API request, and its routes (`/auth/*`,
   * `/tokens`, `/users`, `/audit`). Without it, no sign-in routes exist.
   */
  auth?: LocalAuth
}

/** The OpenAPI document's description of conventions. */
const API_DESCRIPTION = [
  'Flow Framework metrics, flow analysis and forecasts of the work in your delivery tools.',
  'Durations are in days (decimals), ratios 0..1, instants ISO-8601, days YYYY-MM-DD; a figure that',
  'cannot be computed is null or an `insufficient_data` value. Errors are',
  '`{ "error": { "code", "message", "details"? } }`; a when, how-many or set forecast the history',
  'cannot support answers 422 INSUFFICIENT_DATA with `details: { sampleSize, required }`.',
  'GET responses carry a weak ETag; send If-None-Match for 304.',
  `Limits (a 4xx naming the limit): dates ${REQUEST_LIMITS.minDate} to ${REQUEST_LIMITS.maxDate};`,
  `ranges of at most ${REQUEST_LIMITS.maxRangeDays} days and ${REQUEST_LIMITS.maxPeriods} periods;`,
  `forecasts at most ${REQUEST_LIMITS.maxHorizonDays} days ahead; URLs of at most`,
  `${REQUEST_LIMITS.maxUrlBytes} bytes (414); JSON bodies of at most ${REQUEST_LIMITS.maxBodyBytes}`,
  `bytes (413); answers of at most ${REQUEST_LIMITS.maxResponseBytes} bytes. An analysis still`,
  'running after its deadline, or while too many wait, answers 503 with Retry-After.',
].join(' ')

function mountApi(app: OpenAPIHono, deps: SourceApiDeps, auth?: LocalAuth): void {
  for (const routes of [
    ...(auth?.routes ?? []),
    modelRoutes(deps),
    resultRoutes(deps),
    correlationRoutes(deps),
    sourceRoutes(deps),
    webhookRoutes(deps.sync),
    metricsRoutes(deps),
    dependencyRoutes(deps),
    flowRoutes(deps),
    forecastRoutes(deps),
    itemRoutes(deps),
    mappingRoutes(deps),
    streamMappingRoutes(deps),
  ]) {
    app.route('/api/v1', routes)
  }
  // every operation says who may call it (auth/access-rules.ts), or the app does not start;
  // the OpenAPI document shows the rule as `x-access`
  const routes = app.openAPIRegistry.definitions.flatMap((d) => (d.type === 'route' ? [d] : []))
  const idOf = (d: (typeof routes)[number]) => `${d.route.method.toUpperCase()} ${d.route.path}`
  assertRulesCover(routes.map(idOf))
  for (const d of routes) Object.assign(d.route, { 'x-access': ACCESS_RULES[idOf(d)] })
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'openvmo API', version: '1', description: API_DESCRIPTION },
  })
  mountApiDocs(app)
  app.all('/api/*', (c) => {
    throw new VmoError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`)
  })
}

function mountWeb(app: OpenAPIHono, webRoot: string): void {
  app.use('*', serveStatic({ root: webRoot }))
  // Client-side routes (/streams/payments, …) get the dashboard's index.html.
  app.get('*', serveStatic({ root: webRoot, path: 'index.html' }))
}

/**
 * The openvmo HTTP app: the versioned API under `/api/v1`, its OpenAPI 3.1 document at
 * `/api/openapi.json` and reference page at `/api/docs`, one error format, and (with `webRoot`)
 * the dashboard. With `sync`, the sources' actions and the tools' webhooks.
 */
export function createApp(options: CreateAppOptions): OpenAPIHono {
  const { store, clock } = options
  const service =
    options.service ??
    createFlowService({ store, clock, probe: options.probe, executor: options.executor })
  const app = new OpenAPIHono()
  app.onError(handleError)
  app.use('*', securityHeaders(), hostAllowList(options.allowedHosts))
  if (options.corsOrigins?.length) app.use('/api/*', corsFor(options.corsOrigins))
  app.use('*', ...REQUEST_GUARDS)
  const { auth } = options
  app.use('*', principalMiddleware(auth?.resolvePrincipal ?? options.resolvePrincipal))
  if (auth) app.use('/api/*', auth.guard)
  const deps = { store, service, clock, sync: options.sync, loopback: options.loopback ?? false }
  mountApi(app, deps, auth)
  if (options.webRoot) mountWeb(app, options.webRoot)
  app.notFound((c) =>
    c.json({ error: { code: 'NOT_FOUND', message: `no route ${c.req.path}` } }, 404),
  )
  return app
}
