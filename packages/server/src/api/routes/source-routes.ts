import type { MiddlewareHandler } from 'hono'
import { createRoute } from '@hono/zod-openapi'
import { VmoError } from '@openvmo/core'
import type { FlowDataset } from '@openvmo/core'
import type { Store } from '../../store/store'
import type { SourceDefinition } from '../../store/store-types'
import type { SourceSecrets, SyncService } from '../../sync/sync-service'
import { createSyncService } from '../../sync/sync-service'
import { assertLocalRequest } from '../loopback'
import { dataEndMs } from '../views/data-notices'
import { instantText } from '../views/view-context'
import { ErrorResponseSchema } from '../schemas/common-schemas'
import {
  AddSourceBodySchema,
  AddedSourceSchema,
  ConnectionReportSchema,
  SourceParamSchema,
  SourceStateListSchema,
  StatusSchema,
  SyncStartBodySchema,
  SyncStartedSchema,
} from '../schemas/source-schemas'
import type { SourceStateResponse } from '../schemas/source-schemas'
import type { ApiDeps } from './route-helpers'
import { ERROR_RESPONSES, createRouter, jsonResponse, sendFresh } from './route-helpers'

/** What the source routes need besides the store and the flow service. */
export interface SourceApiDeps extends ApiDeps {
  /** The server's sync service; without it sources are listed but not tested, synced or added. */
  sync?: SyncService
  /** Whether the server listens on loopback only (adding, testing and syncing need it). */
  loopback: boolean
  clock: () => number
}

const tag = 'Sources'
const ADDING = 'adding a source'
const TESTING = 'testing a source'
const SYNCING = 'syncing a source'
const error = (description: string) => jsonResponse(ErrorResponseSchema, description)
const FORBIDDEN = error('the server does not listen on loopback, or the request names another host')

const routes = {
  list: createRoute({
    method: 'get',
    path: '/sources',
    tags: [tag],
    summary: 'Sources with scopes, census counts, token and webhook state, last run, rate limit',
    responses: {
      200: jsonResponse(SourceStateListSchema, 'every source, imported ones too'),
      ...ERROR_RESPONSES,
    },
  }),
  status: createRoute({
    method: 'get',
    path: '/status',
    tags: [tag],
    summary: 'The served data and mapping versions and the sources syncing now (poll it; uncached)',
    responses: { 200: jsonResponse(StatusSchema, 'the status'), ...ERROR_RESPONSES },
  }),
  add: createRoute({
    method: 'post',
    path: '/sources',
    tags: [tag],
    summary: 'Add a source (loopback only; the token stays in the server environment)',
    request: {
      body: { content: { 'application/json': { schema: AddSourceBodySchema } }, required: true },
    },
    responses: {
      201: jsonResponse(AddedSourceSchema, 'the source as saved'),
      403: FORBIDDEN,
      409: error('a synced source of that name exists already (CONFLICT)'),
      ...ERROR_RESPONSES,
    },
  }),
  test: createRoute({
    method: 'post',
    path: '/sources/{name}/test',
    tags: [tag],
    summary: 'Test the connection: reachability, authentication, permissions, items per scope',
    request: { params: SourceParamSchema },
    responses: {
      200: jsonResponse(ConnectionReportSchema, 'every check (ok false when one failed)'),
      403: FORBIDDEN,
      ...ERROR_RESPONSES,
    },
  }),
  sync: createRoute({
    method: 'post',
    path: '/sources/{name}/sync',
    tags: [tag],
    summary: 'Start a sync now; it runs in the background (watch GET /sources)',
    request: {
      params: SourceParamSchema,
      body: { content: { 'application/json': { schema: SyncStartBodySchema } }, required: true },
    },
    responses: {
      202: jsonResponse(SyncStartedSchema, 'the sync started'),
      403: FORBIDDEN,
      409: error('this server syncs the source already (CONFLICT)'),
      ...ERROR_RESPONSES,
    },
  }),
}

// Without a sync service the states are read from the store alone: no token is looked at.
const UNSYNCED_SECRETS: SourceSecrets = {
  tokenOf: (source) => {
    throw new VmoError('INVALID_CONFIG', `this server does not sync source "${source.name}"`)
  },
  describeToken: () => ({ ok: false, text: 'not checked' }),
  webhookSecretOf: () => undefined,
}

function actionsOf(deps: SourceApiDeps) {
  if (!deps.sync) {
    return {
      allowed: false,
      reason:
        'this server was started without live sync: test and sync sources with vmo source test and vmo sync',
    }
  }
  if (!deps.loopback) {
    return {
      allowed: false,
      reason:
        'the server listens beyond loopback, so sources are tested, synced and added with vmo source and vmo sync on its machine',
    }
  }
  return { allowed: true, reason: null }
}

async function findState(sync: SyncService, name: string): Promise<SourceStateResponse> {
  const state = (await sync.states()).find((s) => s.name === name)
  if (!state) throw new VmoError('NOT_FOUND', `no source "${name}"`)
  return state
}

/** The definition to save for an add request; INVALID_INPUT or CONFLICT when it cannot be. */
async function definitionOf(
  store: Store,
  sync: SyncService,
  body: { kind: string; name: string; tokenEnv: string; settings: Record<string, unknown> },
): Promise<SourceDefinition> {
  const kind = sync.kinds.find((k) => k.kind === body.kind)
  if (!kind) {
    const known = sync.kinds.map((k) => k.kind).join(', ') || 'none'
    throw new VmoError('INVALID_INPUT', `unknown source kind "${body.kind}" (known: ${known})`)
  }
  if (await store.findSource(body.name)) {
    throw new VmoError(
      'CONFLICT',
      `source "${body.name}" exists already: choose another name, or remove it first (vmo source remove ${body.name})`,
    )
  }
  // The kind reads the same settings as `vmo source add <kind>` options, name and token included.
  const setup = kind.setup({ ...body.settings, name: body.name, tokenEnv: body.tokenEnv })
  const config = { ...setup.config, tokenEnv: body.tokenEnv }
  return { name: body.name, kind: kind.kind, config, scopes: setup.scopes }
}

/** The data's latest instant as ISO text, null for an empty store. */
function dataEndText(dataset: FlowDataset): string | null {
  const ms = dataEndMs(dataset)
  return Number.isNaN(ms) ? null : instantText(ms)
}

/** The sync service; FORBIDDEN when this server was started without one. */
function requireSync(deps: SourceApiDeps, action: string): SyncService {
  if (deps.sync) return deps.sync
  throw new VmoError(
    'FORBIDDEN',
    `${action} is not possible: this server was started without live sync`,
  )
}

/** Refuses the request before its body is read unless it may act on sources. */
function localOnly(deps: SourceApiDeps, action: string): MiddlewareHandler {
  return async (c, next) => {
    requireSync(deps, action)
    assertLocalRequest(c, { loopback: deps.loopback, action })
    await next()
  }
}

/**
 * The Sources page's routes: every source's state and the server's status; with a sync service
 * and on loopback also connection tests, syncs started now, and sources added (FORBIDDEN else).
 */
export function sourceRoutes(deps: SourceApiDeps) {
  const states =
    deps.sync ??
    createSyncService({
      store: deps.store,
      kinds: [],
      secrets: UNSYNCED_SECRETS,
      owner: 'openvmo api',
      clock: deps.clock,
    })
  return createRouter()
    .openapi(routes.list, async (c) => {
      const sources = await states.states()
      const kinds = deps.sync?.kinds ?? []
      return sendFresh(c, {
        sources: deps.sync ? sources : sources.map((s) => ({ ...s, token: null })),
        actions: actionsOf(deps),
        kinds: kinds.map((k) => ({ kind: k.kind, description: k.description })),
      })
    })
    .openapi(routes.status, async (c) => {
      const snapshot = await deps.service.snapshot()
      c.header('Cache-Control', 'no-store')
      return c.json(
        {
          dataVersion: snapshot.dataVersion,
          mappingVersion: snapshot.mapping.version,
          syncing: deps.sync?.syncing() ?? [],
          items: snapshot.dataset.itemCount,
          dataEnd: dataEndText(snapshot.dataset),
        },
        200,
      )
    })
    .openapi({ ...routes.add, middleware: localOnly(deps, ADDING) }, async (c) => {
      const sync = requireSync(deps, ADDING)
      const definition = await definitionOf(deps.store, sync, c.req.valid('json'))
      await deps.store.saveSource(definition)
      return c.json({ source: await findState(sync, definition.name) }, 201)
    })
    .openapi({ ...routes.test, middleware: localOnly(deps, TESTING) }, async (c) => {
      const sync = requireSync(deps, TESTING)
      return c.json(await sync.test(c.req.valid('param').name), 200)
    })
    .openapi({ ...routes.sync, middleware: localOnly(deps, SYNCING) }, async (c) => {
      const sync = requireSync(deps, SYNCING)
      const { name } = c.req.valid('param')
      const full = c.req.valid('json').full ?? false
      await sync.start(name, { full })
      return c.json({ source: name, full }, 202)
    })
}
