import { createRoute } from '@hono/zod-openapi'
import type { ResultDefinition } from '@openvmo/core'
import { VmoError, resultStatus } from '@openvmo/core'
import type { Store } from '../../store/store'
import type { BusinessResultPoint } from '../../store/store-types'
import {
  BusinessResultsQuerySchema,
  BusinessResultsSchema,
  ResultDefinitionInputSchema,
  ResultDefinitionSchema,
  ResultPathSchema,
  ResultPointsInputSchema,
  ResultPointsOutcomeSchema,
  ResultStatusListSchema,
} from '../schemas/result-schemas'
import { principalOf } from '../auth/principal'
import { isReadableName, readableIn } from '../auth/stream-access'
import type { ApiDeps } from './route-helpers'
import { ERROR_RESPONSES, createRouter, jsonResponse, sendFresh } from './route-helpers'

const tag = 'Business results'
const json = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true })

const routes = {
  list: createRoute({
    method: 'get',
    path: '/business-results',
    tags: [tag],
    summary: 'Business results of a value stream: per metric its points, definition and status',
    request: { query: BusinessResultsQuerySchema },
    responses: { 200: jsonResponse(BusinessResultsSchema, 'the series'), ...ERROR_RESPONSES },
  }),
  status: createRoute({
    method: 'get',
    path: '/business-results/status',
    tags: [tag],
    summary: 'Every defined business result of every stream, with its latest point and status',
    responses: { 200: jsonResponse(ResultStatusListSchema, 'the results'), ...ERROR_RESPONSES },
  }),
  define: createRoute({
    method: 'put',
    path: '/business-results/{stream}/{metric}',
    tags: [tag],
    summary: 'Create or replace what a stream wants of a result: unit, direction, target (editor)',
    request: { params: ResultPathSchema, body: json(ResultDefinitionInputSchema) },
    responses: { 200: jsonResponse(ResultDefinitionSchema, 'the definition'), ...ERROR_RESPONSES },
  }),
  points: createRoute({
    method: 'post',
    path: '/business-results/{stream}/{metric}/points',
    tags: [tag],
    summary: 'Add or correct points of a series, by date, all or none (editor)',
    description:
      "Upserts the points by date in one transaction. A date twice in the request, a date that is not a calendar date, a unit other than the definition's or an unknown stream is refused (400, 404) and nothing is written.",
    request: { params: ResultPathSchema, body: json(ResultPointsInputSchema) },
    responses: {
      200: jsonResponse(ResultPointsOutcomeSchema, 'what was written'),
      ...ERROR_RESPONSES,
    },
  }),
}

/** The value streams of the model and of the mapping, by name. */
async function listStreamNames(deps: ApiDeps): Promise<string[]> {
  const model = (await deps.store.listValueStreams()).map((v) => v.name)
  const mapped = (await deps.service.snapshot()).mapping.config?.valueStreams ?? []
  return [...new Set([...model, ...mapped.map((v) => v.name)])]
}

/** The model's spelling of `stream` (names match case-insensitively); undefined when unknown. */
async function findStreamName(deps: ApiDeps, stream: string): Promise<string | undefined> {
  const lower = stream.toLowerCase()
  return (await listStreamNames(deps)).find((name) => name.toLowerCase() === lower)
}

async function getStreamName(deps: ApiDeps, stream: string): Promise<string> {
  const known = await findStreamName(deps, stream)
  if (known === undefined) {
    const names = await listStreamNames(deps)
    throw new VmoError(
      'NOT_FOUND',
      `unknown value stream "${stream}" (streams: ${names.join(', ') || 'none'})`,
    )
  }
  return known
}

/** Points by metric, each series with its definition, latest point and status. */
export function toResultSeries(
  points: readonly BusinessResultPoint[],
  definitions: readonly ResultDefinition[],
) {
  const byMetric = new Map<string, { date: string; value: number }[]>()
  for (const d of definitions) byMetric.set(d.metric, [])
  for (const p of points) byMetric.set(p.metric, [...(byMetric.get(p.metric) ?? []), p])
  return [...byMetric]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([metric, list]) => {
      const definition = definitions.find((d) => d.metric === metric)
      const latest = list.at(-1)
      return {
        metric,
        points: list.map(({ date, value }) => ({ date, value })),
        definition: definition ?? null,
        status: resultStatus(definition, latest),
        latest: latest ? { date: latest.date, value: latest.value } : null,
      }
    })
}

async function listAllStatuses(store: Store) {
  const definitions = await store.listResultDefinitions()
  const streams = [...new Set(definitions.map((d) => d.stream))]
  const results = []
  for (const stream of streams) {
    const mine = definitions.filter((d) => d.stream === stream)
    const series = toResultSeries(await store.listBusinessResults(stream), mine)
    for (const { points: _points, definition, ...rest } of series) {
      if (definition) results.push({ stream, definition, ...rest })
    }
  }
  return { results }
}

/** Business results: read per stream, defined and written by editors. */
export function resultRoutes(deps: ApiDeps) {
  const { store } = deps
  return createRouter()
    .openapi(routes.status, async (c) => {
      const readable = readableIn(principalOf(c), await deps.service.snapshot())
      const { results } = await listAllStatuses(store)
      // the results of the streams the principal may read
      return sendFresh(c, { results: results.filter((r) => isReadableName(readable, r.stream)) })
    })
    .openapi(routes.list, async (c) => {
      const { stream } = c.req.valid('query')
      const readable = readableIn(principalOf(c), await deps.service.snapshot())
      // a stream the principal may not read is answered as one without business results
      if (!isReadableName(readable, stream)) {
        throw new VmoError('NOT_FOUND', `value stream "${stream}" has no business results`)
      }
      const known = await findStreamName(deps, stream)
      const name = known ?? stream
      const [points, definitions] = await Promise.all([
        store.listBusinessResults(name),
        store.listResultDefinitions(name),
      ])
      if (known === undefined && points.length === 0 && definitions.length === 0) {
        throw new VmoError('NOT_FOUND', `value stream "${stream}" has no business results`)
      }
      return sendFresh(c, { stream: name, series: toResultSeries(points, definitions) })
    })
    .openapi(routes.define, async (c) => {
      const path = c.req.valid('param')
      const stream = await getStreamName(deps, path.stream)
      const definition = { stream, metric: path.metric, ...c.req.valid('json') }
      await store.saveResultDefinition(
        definition,
        new Date(deps.service.defaultAsOf()).toISOString(),
      )
      return c.json(definition, 200)
    })
    .openapi(routes.points, async (c) => {
      const path = c.req.valid('param')
      const stream = await getStreamName(deps, path.stream)
      const body = c.req.valid('json')
      const definition = (await store.listResultDefinitions(stream)).find(
        (d) => d.metric === path.metric,
      )
      if (body.unit !== undefined && definition && body.unit !== definition.unit) {
        throw new VmoError(
          'INVALID_INPUT',
          `result "${path.metric}" of "${stream}" is kept in ${definition.unit}, not ${body.unit}`,
        )
      }
      const points = body.points.map((p) => ({ stream, metric: path.metric, ...p }))
      const outcome = await store.upsertBusinessResults(points)
      return c.json({ stream, metric: path.metric, ...outcome }, 200)
    })
}
