import type { z } from '@hono/zod-openapi'
import { createRoute } from '@hono/zod-openapi'
import { ModelListSchema, ValueStreamListSchema } from '../schemas/model-schemas'
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

/** The organisation model: read from the store per request. */
export function modelRoutes(deps: ApiDeps) {
  const { service } = deps
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
}
