import type { Context, MiddlewareHandler } from 'hono'
import { createRoute, z } from '@hono/zod-openapi'
import { VmoError, parseMappingYaml, roundFigures } from '@openvmo/core'
import { resolveAnalysis } from '../analysis-params'
import { MAPPING_FILE_NAME } from '../flow-snapshot'
import type { FlowSnapshot } from '../flow-snapshot'
import type { Store } from '../../store/store'
import { ErrorResponseSchema, ScopeQuerySchema } from '../schemas/common-schemas'
import {
  MappingBodySchema,
  MappingPreviewSchema,
  MappingResponseSchema,
  MappingSavedSchema,
  MappingSuggestionSchema,
} from '../schemas/mapping-schemas'
import { assertLocalRequest } from '../loopback'
import { compileCandidate, mappingPreviewView } from '../views/mapping-preview-view'
import { mappingSuggestionView } from '../views/mapping-suggestion-view'
import { labelStatesKey, loadMappedDataset, parsedOrUndefined } from '../../store/mapped-dataset'
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
    summary: 'Save a new mapping version and recompute (If-Match required; loopback only)',
    description: [
      'Like adding a source, saving is only possible when the server listens on loopback and the',
      'request names a loopback host (URL and Origin): there is no authentication yet.',
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
        'the server does not listen on loopback, or the request names another host (FORBIDDEN)',
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

/** What an If-Match header (`header`) allows: any current mapping (`*`), or these versions. */
type Precondition = { header: string } & (
  { any: true } | { any: false; versions: ReadonlySet<number> }
)

const ENTITY_TAG = /^(W\/)?"([^"]*)"$/

/** Parses If-Match: `*`, or a list of entity tags of which only strong `"<n>"` ones can match. */
function parseIfMatch(header: string | undefined): Precondition {
  if (header === undefined || header.trim() === '') {
    throw new VmoError(
      'PRECONDITION_REQUIRED',
      'saving the mapping needs an If-Match header: send the ETag of GET /api/v1/mapping (e.g. If-Match: "3"; "0" while none is saved)',
    )
  }
  if (header.trim() === '*') return { header, any: true }
  const versions = new Set<number>()
  for (const tag of header.split(',')) {
    const match = ENTITY_TAG.exec(tag.trim())
    if (!match) {
      throw new VmoError(
        'INVALID_INPUT',
        `If-Match "${header}" is neither * nor a list of quoted ETags such as "3"`,
      )
    }
    const [, weak, opaque = ''] = match
    if (!weak && /^\d{1,15}$/.test(opaque)) versions.add(Number(opaque))
  }
  return { header, any: false, versions }
}

/** The version the save must find current (undefined: any), or CONFLICT when none matches. */
function expectedVersion(precondition: Precondition, current: number): number | undefined {
  if (precondition.any) {
    if (current > 0) return undefined
    throw new VmoError(
      'CONFLICT',
      'no mapping is saved yet, so If-Match: * matches none: send If-Match: "0" to save the first one',
    )
  }
  if (precondition.versions.has(current)) return current
  throw new VmoError(
    'CONFLICT',
    `If-Match ${precondition.header} does not match the mapping's current version "${current}": reload it and apply the change again`,
    { details: { currentVersion: current } },
  )
}

/** Answers with a strong ETag `"<version>"` (304 when If-None-Match names it). */
function sendVersion(c: Context, version: number, value: unknown): never {
  const etag = `"${version}"`
  const match = c.req
    .header('If-None-Match')
    ?.split(',')
    .some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag)
  if (match) return c.body(null, 304, { ETag: etag }) as never
  return c.body(JSON.stringify(value), 200, {
    'Content-Type': 'application/json; charset=utf-8',
    ETag: etag,
    'Cache-Control': 'no-cache',
  }) as never
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

/**
 * The dataset of a draft whose `labelStates` differ from the snapshot's mapping (its statuses come
 * from the labels); undefined when they are the same (the snapshot's dataset is the draft's).
 */
async function labelStatesDataset(store: Store, snapshot: FlowSnapshot, yaml: string) {
  if (labelStatesKey(yaml) === labelStatesKey(snapshot.mapping.yaml)) return undefined
  return loadMappedDataset(store, parsedOrUndefined(yaml))
}

const SAVING = 'saving the mapping'

/** Whether `c` may save the mapping (the rule of adding sources), and why not. */
function savingOf(c: Context, loopback: boolean): { allowed: boolean; reason: string | null } {
  try {
    assertLocalRequest(c, { loopback, action: SAVING })
    return { allowed: true, reason: null }
  } catch (error) {
    if (!(error instanceof VmoError)) throw error
    return { allowed: false, reason: error.message }
  }
}

/** Refuses a save before its body is read unless it may write (see {@link savingOf}). */
function localOnly(loopback: boolean): MiddlewareHandler {
  return async (c, next) => {
    assertLocalRequest(c, { loopback, action: SAVING })
    await next()
  }
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
      const snapshot = await service.snapshot()
      const params = resolveAnalysis(query, snapshot, service.defaultAsOf())
      const draftDataset = await labelStatesDataset(store, snapshot, yaml)
      if (draftDataset) {
        // the draft's label states change the dataset: previewed here, on the draft's dataset
        const preview = roundFigures(mappingPreviewView(snapshot, { yaml, params, draftDataset }))
        return c.json(preview, 200)
      }
      const task = { view: 'mapping-preview', args: { yaml, params } } as const
      const body = await service.compute(snapshot, task, c.req.raw.signal)
      return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' }) as never
    })
    .openapi({ ...routes.put, middleware: localOnly(loopback) }, async (c) => {
      const precondition = parseIfMatch(c.req.valid('header')['if-match'])
      const { yaml } = c.req.valid('json')
      const current = await store.findCurrentMapping()
      // A failed precondition may still succeed when the change is already made (RFC 9110
      // §13.1.1): a retried save of the current text returns its version.
      const expected =
        current?.yaml === yaml
          ? current.version
          : expectedVersion(precondition, current?.version ?? 0)
      const snapshot = await service.snapshot()
      const draftDataset = await labelStatesDataset(store, snapshot, yaml)
      assertUsable(compileCandidate(draftDataset ?? snapshot.dataset, yaml))
      const version = await store.saveMappingVersion(yaml, { expectedVersion: expected })
      const reloaded = await service.reloadMapping()
      c.header('ETag', `"${version}"`)
      return c.json({ version, dataVersion: reloaded.dataVersion }, 200)
    })
}
