import { createRoute, z } from '@hono/zod-openapi'
import { VmoError, extractStreamDefinition, spliceStreamDefinition } from '@openvmo/core'
import { resolveAnalysis } from '../analysis-params'
import { ScopeQuerySchema } from '../schemas/common-schemas'
import {
  MappingBodySchema,
  MappingPreviewSchema,
  MappingSavedSchema,
  StreamDefinitionPathSchema,
  StreamDefinitionSchema,
} from '../schemas/mapping-schemas'
import type { MappingPreviewResponse } from '../schemas/mapping-schemas'
import { problemsOf } from '../views/mapping-preview-view'
import {
  mayWriteMapping,
  previewMappingText,
  saveMappingText,
  savingOf,
  sendVersion,
} from '../mapping-save'
import type { ApiDeps } from './route-helpers'
import { ERROR_RESPONSES, createRouter, jsonResponse } from './route-helpers'

const tag = 'Mapping'
const body = { content: { 'application/json': { schema: MappingBodySchema } }, required: true }
const params = StreamDefinitionPathSchema

const routes = {
  get: createRoute({
    method: 'get',
    path: '/mapping/streams/{stream}',
    tags: [tag],
    summary:
      "A value stream's definition in the mapping: its entry, teams and products, as YAML (editor of the stream)",
    description:
      'The part of the mapping an editor of the stream may change, without seeing or touching any other stream or the state and type mapping. ETag: the version of the whole mapping ("<version>").',
    request: { params },
    responses: {
      200: jsonResponse(StreamDefinitionSchema, 'the definition'),
      ...ERROR_RESPONSES,
    },
  }),
  preview: createRoute({
    method: 'post',
    path: '/mapping/streams/{stream}/preview',
    tags: [tag],
    summary:
      "Preview an edited stream definition: problems, and the stream's figures before and after",
    request: {
      params,
      body,
      query: ScopeQuerySchema.pick({ period: true, from: true, to: true, tz: true, asOf: true }),
    },
    responses: { 200: jsonResponse(MappingPreviewSchema, 'the preview'), ...ERROR_RESPONSES },
  }),
  put: createRoute({
    method: 'put',
    path: '/mapping/streams/{stream}',
    tags: [tag],
    summary: "Save an edited stream definition as the mapping's next version (If-Match required)",
    description: [
      "The definition replaces the stream's entry, teams and products in the mapping; every other",
      'line stays as it is. Refused (422 INVALID_CONFIG, located in the definition) when it renames',
      "the stream, adds another key, or holds another stream's team or product. If-Match: the ETag",
      "of GET /api/v1/mapping/streams/{stream} (the whole mapping's version): 409 when another",
      'save came first, 428 without it. Who may save: as for PUT /api/v1/mapping, but an editor of',
      'the stream suffices.',
    ].join(' '),
    request: {
      params,
      body,
      headers: z.object({
        'if-match': z.string().optional().openapi({
          description: 'required: the ETag of GET /api/v1/mapping/streams/{stream}, e.g. "3"',
        }),
      }),
    },
    responses: {
      200: jsonResponse(MappingSavedSchema, 'the saved version (ETag: its "<version>")'),
      ...ERROR_RESPONSES,
    },
  }),
}

/** A whole-mapping preview narrowed to `stream`: the only figures an editor of it may see. */
function narrowPreview(preview: MappingPreviewResponse, stream: string): MappingPreviewResponse {
  const lower = stream.toLowerCase()
  return {
    ...preview,
    // a definition changes neither the state nor the type mapping: these are the current ones
    unmapped: { states: [], types: [] },
    streams: preview.streams.filter((s) => s.stream.toLowerCase() === lower),
    findings: [],
  }
}

/**
 * The stream definition routes: what an editor of one value stream may read and change of the
 * mapping (its entry, teams and products; core's `spliceStreamDefinition`), previewed on that
 * stream only, saved as the mapping's next version.
 */
export function streamMappingRoutes(deps: ApiDeps & { loopback: boolean }) {
  const { store, service, loopback } = deps
  const currentText = async (stream: string) => {
    const current = await store.findCurrentMapping()
    if (!current) throw new VmoError('NOT_FOUND', `value stream "${stream}" is not in the mapping`)
    return current
  }
  return createRouter()
    .openapi(routes.get, async (c) => {
      const { stream } = c.req.valid('param')
      const current = await currentText(stream)
      return sendVersion(c, current.version, {
        stream,
        version: current.version,
        yaml: extractStreamDefinition(current.yaml, stream),
        saving: savingOf(c, loopback),
      })
    })
    .openapi(routes.preview, async (c) => {
      const { stream } = c.req.valid('param')
      const { yaml } = c.req.valid('json')
      const query = { ...c.req.valid('query'), period: c.req.valid('query').period ?? 'week' }
      const current = await currentText(stream)
      let candidate: string
      try {
        candidate = spliceStreamDefinition(current.yaml, stream, yaml)
      } catch (error) {
        if (!(error instanceof VmoError) || error.code !== 'INVALID_CONFIG') throw error
        const snapshot = await service.snapshot()
        const analysis = resolveAnalysis(query, snapshot, service.defaultAsOf())
        const refused: MappingPreviewResponse = {
          valid: false,
          problems: problemsOf(error),
          unmapped: { states: [], types: [] },
          from: analysis.from,
          to: analysis.to,
          streams: [],
          findings: [],
        }
        return c.json(refused, 200)
      }
      const text = await previewMappingText(deps, candidate, {
        params: (snapshot) => resolveAnalysis(query, snapshot, service.defaultAsOf()),
        signal: c.req.raw.signal,
      })
      return c.json(narrowPreview(JSON.parse(text) as MappingPreviewResponse, stream), 200)
    })
    .openapi({ ...routes.put, middleware: mayWriteMapping(loopback) }, async (c) => {
      const { stream } = c.req.valid('param')
      const { yaml } = c.req.valid('json')
      const current = await currentText(stream)
      const candidate = spliceStreamDefinition(current.yaml, stream, yaml)
      const saved = await saveMappingText(deps, candidate, c.req.valid('header')['if-match'])
      c.header('ETag', `"${saved.version}"`)
      return c.json(saved, 200)
    })
}
