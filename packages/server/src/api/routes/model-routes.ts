import type { z } from '@hono/zod-openapi'
import { createRoute } from '@hono/zod-openapi'
import { VmoError } from '@openvmo/core'
import type { BusinessResultPoint } from '../../store/store-types'
import {
  BusinessResultsQuerySchema,
  BusinessResultsSchema,
  ModelListSchema,
  ValueStreamListSchema,
} from '../schemas/model-schemas'
import { customersView } from '../views/model-views'
import { cacheKey } from '../analysis-params'
import { sendCached } from '../respond'
import { principalOf } from '../auth/principal'
import type { ReadableStreams } from '../auth/stream-access'
import { isReadableName, readableIn, readableItemMarks } from '../auth/stream-access'
import type { ModelLists } from '../views/model-views'
import { belongsTo } from '../views/model-views'
import type { ApiDeps } from './route-helpers'
import { ERROR_RESPONSES, createRouter, jsonResponse, sendFresh } from './route-helpers'

const tag = 'Organisation'

const get = (path: string, schema: z.ZodType, summary: string) =>
  createRoute({
    method: 'get',
    path,
    tags: [tag],
    summary,
    responses: { 200: jsonResponse(schema, summary), ...ERROR_RESPONSES },
  })

const routes = {
  valueStreams: get(
    '/value-streams',
    ValueStreamListSchema,
    'Value streams with item counts, teams, products and distribution target',
  ),
  teams: get('/teams', ModelListSchema, 'Teams of the model and of the items'),
  products: get('/products', ModelListSchema, 'Products of the model'),
  customers: get(
    '/customers',
    ModelListSchema,
    'Customers named by the value streams and products',
  ),
  businessResults: createRoute({
    method: 'get',
    path: '/business-results',
    tags: [tag],
    summary: 'Business results of a value stream, one series per metric',
    request: { query: BusinessResultsQuerySchema },
    responses: { 200: jsonResponse(BusinessResultsSchema, 'the series'), ...ERROR_RESPONSES },
  }),
}

async function readModel(deps: ApiDeps) {
  const [valueStreams, products, teams] = await Promise.all([
    deps.store.listValueStreams(),
    deps.store.listProducts(),
    deps.store.listTeams(),
  ])
  return { valueStreams, products, teams }
}

/**
 * The model as a principal may read it: the value streams it may read, and the products and
 * teams whose definition names one of them (all of it when it may read everything).
 */
function readableModel(model: ModelLists, readable: ReadableStreams): ModelLists {
  if (readable === null) return model
  const inReadable = (entity: ModelLists['products'][number]) =>
    readable.some((name) => belongsTo(entity, name))
  return {
    valueStreams: model.valueStreams.filter((s) => isReadableName(readable, s.name)),
    products: model.products.filter(inReadable),
    teams: model.teams.filter(inReadable),
  }
}

function toSeries(stream: string, points: readonly BusinessResultPoint[]) {
  const byMetric = new Map<string, { date: string; value: number }[]>()
  for (const p of points) {
    const series = byMetric.get(p.metric) ?? []
    series.push({ date: p.date, value: p.value })
    byMetric.set(p.metric, series)
  }
  return { stream, series: [...byMetric].map(([metric, list]) => ({ metric, points: list })) }
}

/** The organisation model and business results: read from the store per request. */
export function modelRoutes(deps: ApiDeps) {
  const { store, service } = deps
  return createRouter()
    .openapi(routes.valueStreams, async (c) => {
      const model = await readModel(deps)
      const asOfMs = service.defaultAsOf()
      return sendCached(c, service, (snapshot) => {
        const readable = readableIn(principalOf(c), snapshot)
        const args = { model: readableModel(model, readable), asOfMs, readable }
        return {
          key: cacheKey('value-streams', args),
          compute: { view: 'value-streams', args },
        }
      })
    })
    .openapi(routes.teams, async (c) => {
      const model = await readModel(deps)
      return sendCached(c, service, (snapshot) => {
        const readable = readableIn(principalOf(c), snapshot)
        const { teams } = readableModel(model, readable)
        const count = snapshot.dataset.itemCount
        const visible = readableItemMarks(snapshot.mapping.compiled, readable, count)
        return {
          key: cacheKey('teams', teams, readable),
          compute: { view: 'teams', args: { teams, visible } },
        }
      })
    })
    .openapi(routes.products, async (c) => {
      const readable = readableIn(principalOf(c), await service.snapshot())
      return sendFresh(c, { items: readableModel(await readModel(deps), readable).products })
    })
    .openapi(routes.customers, async (c) => {
      const readable = readableIn(principalOf(c), await service.snapshot())
      return sendFresh(c, { items: customersView(readableModel(await readModel(deps), readable)) })
    })
    .openapi(routes.businessResults, async (c) => {
      const { stream } = c.req.valid('query')
      const readable = readableIn(principalOf(c), await service.snapshot())
      // a stream the principal may not read is answered as one without business results
      if (!isReadableName(readable, stream)) {
        throw new VmoError('NOT_FOUND', `value stream "${stream}" has no business results`)
      }
      const streams = [
        ...(await store.listValueStreams()).map((v) => v.name),
        ...((await service.snapshot()).mapping.config?.valueStreams.map((v) => v.name) ?? []),
      ]
      // stream names match case-insensitively, as in every route; the answer spells it as the model
      const known = streams.find((name) => name.toLowerCase() === stream.toLowerCase())
      const points = await store.listBusinessResults(known ?? stream)
      if (known === undefined && points.length === 0) {
        throw new VmoError('NOT_FOUND', `value stream "${stream}" has no business results`)
      }
      return sendFresh(c, toSeries(known ?? stream, points))
    })
}
