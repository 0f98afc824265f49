import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { ExperimentDefinition } from '@openvmo/core'
import { VmoError, checkExperiment } from '@openvmo/core'
import {
  ExperimentDefinitionSchema,
  ExperimentIdPathSchema,
  ExperimentInputSchema,
  ExperimentListQuerySchema,
  ExperimentListSchema,
  ExperimentPathSchema,
  ExperimentReportSchema,
  SuggestionListSchema,
  SuggestionQuerySchema,
} from '../schemas/experiment-schemas'
import { principalOf } from '../auth/principal'
import { isReadableName, mappedStreamNames, readableIn } from '../auth/stream-access'
import { sendCached } from '../respond'
import { experimentContextOf } from '../views/experiment-views'
import type { ApiDeps } from './route-helpers'
import { ERROR_RESPONSES, createRouter, jsonResponse, sendFresh } from './route-helpers'

const tag = 'Experiments'
const json = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true })

const routes = {
  list: createRoute({
    method: 'get',
    path: '/experiments',
    tags: [tag],
    summary: 'Recorded experiments of the readable streams (or of one stream)',
    request: { query: ExperimentListQuerySchema },
    responses: { 200: jsonResponse(ExperimentListSchema, 'the experiments'), ...ERROR_RESPONSES },
  }),
  suggestions: createRoute({
    method: 'get',
    path: '/experiments/suggestions',
    tags: [tag],
    summary: "Change points in a stream's weekly flow time and throughput: candidate experiments",
    request: { query: SuggestionQuerySchema },
    responses: { 200: jsonResponse(SuggestionListSchema, 'the candidates'), ...ERROR_RESPONSES },
  }),
  report: createRoute({
    method: 'get',
    path: '/experiments/{id}/report',
    tags: [tag],
    summary: 'An experiment measured: before against after, intervals, verdict and reasons',
    request: { params: ExperimentIdPathSchema },
    responses: { 200: jsonResponse(ExperimentReportSchema, 'the report'), ...ERROR_RESPONSES },
  }),
  save: createRoute({
    method: 'put',
    path: '/experiments/{stream}/{id}',
    tags: [tag],
    summary: 'Record or replace an experiment of a stream (editor)',
    description:
      'A change date in the future, an empty window, an unknown stream or team, or an id that belongs to another stream is refused (400, 404, 409) and nothing is written.',
    request: { params: ExperimentPathSchema, body: json(ExperimentInputSchema) },
    responses: {
      200: jsonResponse(ExperimentDefinitionSchema, 'the experiment'),
      ...ERROR_RESPONSES,
    },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/experiments/{stream}/{id}',
    tags: [tag],
    summary: 'Remove an experiment of a stream (editor)',
    request: { params: ExperimentPathSchema },
    responses: { 204: { description: 'removed' }, ...ERROR_RESPONSES },
  }),
}

const notFound = (id: string) => new VmoError('NOT_FOUND', `no experiment "${id}"`)

async function readableOf(c: Context, deps: ApiDeps) {
  return readableIn(principalOf(c), await deps.service.snapshot())
}

/** Whether the principal may read every stream an experiment looks at (scope and control). */
function readsAll(readable: ReturnType<typeof readableIn>, definition: ExperimentDefinition) {
  const streams = [definition.scope.stream, definition.control?.stream].filter(
    (s): s is string => s !== undefined,
  )
  return streams.every((s) => isReadableName(readable, s))
}

/** The mapping's spelling of a stream named in any case. */
function spelled(streams: readonly string[], name: string): string {
  return streams.find((s) => s.toLowerCase() === name.toLowerCase()) ?? name
}

/** Experiments: read per stream, recorded and removed by the stream's editors (audited). */
export function experimentRoutes(deps: ApiDeps) {
  const { store } = deps
  return createRouter()
    .openapi(routes.list, async (c) => {
      const { stream } = c.req.valid('query')
      const snapshot = await deps.service.snapshot()
      const readable = readableIn(principalOf(c), snapshot)
      // a stream the principal may not read is answered as one that does not exist
      const known = mappedStreamNames(snapshot).some(
        (s) => s.toLowerCase() === stream?.toLowerCase(),
      )
      if (stream !== undefined && !(known && isReadableName(readable, stream)))
        throw new VmoError('NOT_FOUND', `unknown value stream "${stream}"`)
      const all = await store.listExperiments(stream)
      return sendFresh(c, { experiments: all.filter((e) => readsAll(readable, e.definition)) })
    })
    .openapi(routes.suggestions, async (c) => {
      const { stream } = c.req.valid('query')
      const snapshot = await deps.service.snapshot()
      const known = mappedStreamNames(snapshot).some(
        (s) => s.toLowerCase() === stream.toLowerCase(),
      )
      if (!known || !isReadableName(readableIn(principalOf(c), snapshot), stream))
        throw new VmoError('NOT_FOUND', `unknown value stream "${stream}"`)
      const asOfMs = deps.service.defaultAsOf()
      return sendCached(c, deps.service, () => ({
        key: `experiment-suggestions|${stream.toLowerCase()}|${asOfMs}`,
        compute: { view: 'experiment-suggestions', args: { stream, asOfMs } },
      }))
    })
    .openapi(routes.report, async (c) => {
      const { id } = c.req.valid('param')
      const stored = await store.findExperiment(id)
      // an experiment on a stream the principal may not read is answered as one that does not exist
      if (!stored || !readsAll(await readableOf(c, deps), stored.definition)) throw notFound(id)
      const asOfMs = deps.service.defaultAsOf()
      return sendCached(c, deps.service, () => ({
        key: `experiment|${id}|${stored.updatedAt}|${asOfMs}`,
        compute: { view: 'experiment', args: { definition: stored.definition, asOfMs } },
      }))
    })
    .openapi(routes.save, async (c) => {
      const path = c.req.valid('param')
      const body = c.req.valid('json')
      const snapshot = await deps.service.snapshot()
      const asOfMs = deps.service.defaultAsOf()
      const context = experimentContextOf(snapshot, asOfMs)
      const { teams, types, control, ...rest } = body
      const definition: ExperimentDefinition = {
        id: path.id,
        ...rest,
        scope: { stream: spelled(context.streams, path.stream), teams, types },
        control: control && { ...control, stream: spelled(context.streams, control.stream) },
      }
      checkExperiment(definition, context)
      const old = await store.findExperiment(path.id)
      if (old && old.definition.scope.stream !== definition.scope.stream) {
        throw new VmoError(
          'CONFLICT',
          `experiment "${path.id}" belongs to "${old.definition.scope.stream}": choose another id`,
        )
      }
      await store.saveExperiment(definition, new Date(asOfMs).toISOString())
      return c.json(definition, 200)
    })
    .openapi(routes.remove, async (c) => {
      const path = c.req.valid('param')
      const old = await store.findExperiment(path.id)
      if (!old || old.definition.scope.stream.toLowerCase() !== path.stream.toLowerCase())
        throw notFound(path.id)
      await store.deleteExperiment(path.id)
      return c.body(null, 204)
    })
}
