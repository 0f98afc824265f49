import { createRoute, z } from '@hono/zod-openapi'
import { VmoError, parseMappingYaml } from '@openvmo/core'
import { resolveAnalysis } from '../analysis-params'
import { MAPPING_FILE_NAME } from '../flow-snapshot'
import { ErrorResponseSchema, ScopeQuerySchema } from '../schemas/common-schemas'
import {
  MappingBodySchema,
  MappingPreviewSchema,
  MappingResponseSchema,
  MappingSavedSchema,
} from '../schemas/mapping-schemas'
import { compileCandidate, mappingPreviewView } from '../views/mapping-preview-view'
import type { ApiDeps } from './route-helpers'
import { ERROR_RESPONSES, createRouter, jsonResponse, sendFresh } from './route-helpers'

const tag = 'Mapping'
const body = { content: { 'application/json': { schema: MappingBodySchema } }, required: true }

const routes = {
  get: createRoute({
    method: 'get',
    path: '/mapping',
    tags: [tag],
    summary: 'The current mapping: YAML, parsed, version',
    responses: { 200: jsonResponse(MappingResponseSchema, 'the mapping'), ...ERROR_RESPONSES },
  }),
  preview: createRoute({
    method: 'post',
    path: '/mapping/preview',
    tags: [tag],
    summary: 'Preview a mapping: problems, unmapped values, metrics before and after per stream',
    request: {
      body,
      query: ScopeQuerySchema.pick({ period: true, from: true, to: true, tz: true, asOf: true }),
    },
    responses: { 200: jsonResponse(MappingPreviewSchema, 'the preview'), ...ERROR_RESPONSES },
  }),
  put: createRoute({
    method: 'put',
    path: '/mapping',
    tags: [tag],
    summary:
      'Save a new mapping version and recompute (If-Match: "<version>" guards against lost updates)',
    request: { body, headers: z.object({ 'if-match': z.string().optional() }) },
    responses: {
      200: jsonResponse(MappingSavedSchema, 'the saved version'),
      409: jsonResponse(
        ErrorResponseSchema,
        'the mapping changed since the If-Match version (CONFLICT)',
      ),
      ...ERROR_RESPONSES,
    },
  }),
}

// The stored text's parse, kept for the next GET (the same text until a save): a few ms each.
let lastParsed: { yaml: string; parsed: Record<string, unknown> | null } | undefined

function parsedOrNull(yaml: string): Record<string, unknown> | null {
  if (lastParsed?.yaml === yaml) return lastParsed.parsed
  let parsed: Record<string, unknown> | null
  try {
    parsed = parseMappingYaml(yaml, MAPPING_FILE_NAME) as unknown as Record<string, unknown>
  } catch {
    parsed = null
  }
  lastParsed = { yaml, parsed }
  return parsed
}

function assertVersion(ifMatch: string | undefined, current: number | null): void {
  if (ifMatch === undefined) return
  const wanted = ifMatch.trim().replace(/^W\//, '').replace(/^"|"$/g, '')
  if (wanted !== String(current ?? 0)) {
    throw new VmoError(
      'CONFLICT',
      `the mapping is at version ${current ?? 0}, not "${wanted}": reload it and apply the change again`,
    )
  }
}

function assertUsable(candidate: ReturnType<typeof compileCandidate>): void {
  if (candidate.problems.length > 0) {
    const first = candidate.problems[0]?.message ?? 'invalid mapping'
    throw new VmoError('INVALID_CONFIG', first, { details: { problems: candidate.problems } })
  }
  const { states, types } = candidate.unmapped
  if (states.length + types.length > 0) {
    const names = [...states, ...types].map((v) => `"${v.name}" of ${v.source}`).join(', ')
    throw new VmoError('UNMAPPED_VALUES', `unmapped values: ${names}`, {
      details: { states, types },
    })
  }
}

/** The mapping routes: read, preview a change, save a new version. */
export function mappingRoutes(deps: ApiDeps) {
  const { store, service } = deps
  return createRouter()
    .openapi(routes.get, async (c) => {
      const current = await store.findCurrentMapping()
      const yaml = current?.yaml ?? ''
      return sendFresh(c, {
        version: current?.version ?? null,
        createdAt: current?.createdAt ?? null,
        yaml,
        parsed: current ? parsedOrNull(yaml) : null,
      })
    })
    .openapi(routes.preview, async (c) => {
      const { yaml } = c.req.valid('json')
      const query = { ...c.req.valid('query'), period: c.req.valid('query').period ?? 'week' }
      const snapshot = await service.snapshot()
      const params = resolveAnalysis(query, snapshot, service.defaultAsOf())
      return c.json(mappingPreviewView(snapshot, { yaml, params }), 200)
    })
    .openapi(routes.put, async (c) => {
      const { yaml } = c.req.valid('json')
      const current = await store.findCurrentMapping()
      assertVersion(c.req.valid('header')['if-match'], current?.version ?? null)
      const snapshot = await service.snapshot()
      assertUsable(compileCandidate(snapshot.dataset, yaml))
      const version = await store.saveMappingVersion(yaml)
      const reloaded = await service.reloadMapping()
      c.header('ETag', `"${version}"`)
      return c.json({ version, dataVersion: reloaded.dataVersion }, 200)
    })
}
