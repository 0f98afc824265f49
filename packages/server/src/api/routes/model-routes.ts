import type { z } from '@hono/zod-openapi'
import { createRoute } from '@hono/zod-openapi'
import { ModelListSchema, ValueStreamListSchema } from '../schemas/model-schemas'
import { customersView } from '../views/model-views'
import { cacheKey } from '../analysis-params'
import { sendCached } from '../respond'
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

/** The organisation model: read from the store per request. */
export function modelRoutes(deps: ApiDeps) {
  const { store, service } = deps
  return createRouter()
    .openapi(routes.valueStreams, async (c) => {
      const model = await readModel(deps)
      const asOfMs = service.defaultAsOf()
      return sendCached(c, service, () => ({
        key: cacheKey('value-streams', model, asOfMs),
        compute: { view: 'value-streams', args: { model, asOfMs } },
      }))
    })
    .openapi(routes.teams, async (c) => {
      const teams = await store.listTeams()
      return sendCached(c, service, () => ({
        key: cacheKey('teams', teams),
        compute: { view: 'teams', args: { teams } },
      }))
    })
    .openapi(routes.products, async (c) => sendFresh(c, { items: await store.listProducts() }))
    .openapi(routes.customers, async (c) =>
      sendFresh(c, { items: customersView(await readModel(deps)) }),
    )
}
