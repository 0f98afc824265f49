import { createRoute, z } from '@hono/zod-openapi'
import { parseMappingYaml } from '@openvmo/core'
import { resolveAnalysis } from '../analysis-params'
import { MAPPING_FILE_NAME } from '../flow-snapshot'
import { ErrorResponseSchema, ScopeQuerySchema } from '../schemas/common-schemas'
import {
  MappingBodySchema,
  MappingPreviewSchema,
  MappingResponseSchema,
  MappingSavedSchema,
  MappingSuggestionSchema,
} from '../schemas/mapping-schemas'
import {
  mayWriteMapping,
  previewMappingText,
  saveMappingText,
  savingOf,
  sendVersion,
} from '../mapping-save'
import { mappingSuggestionView } from '../views/mapping-suggestion-view'
import type { ApiDeps } from './route-helpers'
import { ERROR_RESPONSES, createRouter, jsonResponse, sendFresh } from './route-helpers'

const tag = 'Mapping'
const body = { content: { 'application/json': { schema: MappingBodySchema } }, required: true }

const routes = {
  get: createRoute({
    method: 'get',
    path: '/mapping',
    tags: [tag],
    summary:
      'The current mapping: YAML, parsed, version (ETag: "<version>", "0" while none is saved)',
    responses: { 200: jsonResponse(MappingResponseSchema, 'the mapping'), ...ERROR_RESPONSES },
  }),
  suggestion: createRoute({
    method: 'get',
    path: '/mapping/suggestion',
    tags: [tag],
    summary:
      'What `vmo map suggest` proposes for the stored items: the YAML, each status and type with its item count and basis, and the fields rules can match',
    responses: {
      200: jsonResponse(MappingSuggestionSchema, 'the suggestion'),
      ...ERROR_RESPONSES,
    },
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
      'Save a new mapping version and recompute (If-Match required; signed in, or from loopback)',
    description: [
      'Who may save: with sign-in, an admin (session or API token) from anywhere; without sign-in',
      '(single-user mode, --no-auth), only when the server listens on loopback and the request',
      'names a loopback host (URL and Origin), as for adding a source.',
      'Conditional save: send `If-Match` with the ETag of `GET /api/v1/mapping` (`"<version>"`,',
      '`"0"` while none is saved). The new text becomes the next version only if that is still the',
      'current one, decided by the database, so of several concurrent saves over the same version',
      'exactly one succeeds and the others get 409 CONFLICT (reload, apply the change again).',
      'Weak ETags never match (strong comparison). `If-Match: *` saves over whatever mapping is',
      'current, unconditionally (409 when none is saved yet). No If-Match: 428. Saving the current',
      'text again returns its version.',
    ].join(' '),
    request: {
      body,
      headers: z.object({
        'if-match': z.string().optional().openapi({
          description:
            'required: the ETag of GET /api/v1/mapping, e.g. "3" ("0": none saved), or *',
        }),
      }),
    },
    responses: {
      200: jsonResponse(MappingSavedSchema, 'the saved version (ETag: its "<version>")'),
      403: jsonResponse(
        ErrorResponseSchema,
        'not an admin; or, without sign-in, the server does not listen on loopback or the request names another host (FORBIDDEN)',
      ),
      409: jsonResponse(
        ErrorResponseSchema,
        'the mapping is no longer at the If-Match version (CONFLICT): reload and apply again',
      ),
      428: jsonResponse(ErrorResponseSchema, 'no If-Match header (PRECONDITION_REQUIRED)'),
      503: jsonResponse(
        ErrorResponseSchema,
        'the store is unreachable, read-only or locked (STORE_*; Retry-After when passing)',
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

/**
 * The mapping routes: read, suggest from the data, preview a change, save a new version (only
 * from loopback, as adding a source: `loopback` says whether the server listens on it only).
 */
export function mappingRoutes(deps: ApiDeps & { loopback: boolean }) {
  const { store, service, loopback } = deps
  return createRouter()
    .openapi(routes.get, async (c) => {
      const current = await store.findCurrentMapping()
      const yaml = current?.yaml ?? ''
      const snapshot = await service.snapshot()
      const applied = snapshot.mapping.version === (current?.version ?? null)
      return sendVersion(c, current?.version ?? 0, {
        version: current?.version ?? null,
        createdAt: current?.createdAt ?? null,
        yaml,
        parsed: current ? parsedOrNull(yaml) : null,
        unmapped: applied ? (snapshot.mapping.compiled?.unmapped ?? null) : null,
        items: snapshot.dataset.itemCount,
        saving: savingOf(c, loopback),
      })
    })
    .openapi(routes.suggestion, async (c) => {
      const snapshot = await service.snapshot()
      return sendFresh(c, mappingSuggestionView(snapshot.dataset))
    })
    .openapi(routes.preview, async (c) => {
      const { yaml } = c.req.valid('json')
      const query = { ...c.req.valid('query'), period: c.req.valid('query').period ?? 'week' }
      const body = await previewMappingText(deps, yaml, {
        params: (snapshot) => resolveAnalysis(query, snapshot, service.defaultAsOf()),
        signal: c.req.raw.signal,
      })
      return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' }) as never
    })
    .openapi({ ...routes.put, middleware: mayWriteMapping(loopback) }, async (c) => {
      const { yaml } = c.req.valid('json')
      const saved = await saveMappingText(deps, yaml, c.req.valid('header')['if-match'])
      c.header('ETag', `"${saved.version}"`)
      return c.json(saved, 200)
    })
}
