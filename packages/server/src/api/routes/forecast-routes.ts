import {
  HowManyQuerySchema,
  HowManyResponseSchema,
  ItemSetForecastSchema,
  ItemSetQuerySchema,
  WhenQuerySchema,
  WhenResponseSchema,
} from '../schemas/forecast-schemas'
import { dateOfInstant } from '@openvmo/core'
import { assertForecastDate } from '../request-limits'
import { analysisRoute, serveAnalysis } from './analysis-route'
import type { ApiDeps } from './route-helpers'
import { ERROR_RESPONSES, createRouter, jsonResponse } from './route-helpers'
import { createRoute } from '@hono/zod-openapi'
import { cacheKey, resolveAsOf } from '../analysis-params'
import { sendCached } from '../respond'
import { collectSetDelivery, selectItemSet } from '../views/item-set'
import { principalOf } from '../auth/principal'
import { readableIn, readableItemMarks } from '../auth/stream-access'

const tag = 'Forecasts'

const setRoute = createRoute({
  method: 'get',
  path: '/forecasts/set',
  tags: [tag],
  summary:
    'When will a set be done (keys, an epic, a fix version, a label, a query): roll-up dates, what it waits on, burn-up',
  request: { query: ItemSetQuerySchema },
  responses: {
    200: jsonResponse(ItemSetForecastSchema, 'the set forecast'),
    ...ERROR_RESPONSES,
  },
})

const routes = {
  when: analysisRoute({
    path: '/forecasts/when',
    schema: WhenResponseSchema,
    tag,
    summary: 'When will N items be done: dates at 50/70/85/95% with the backtest hit rate',
    extra: WhenQuerySchema.shape,
  }),
  howMany: analysisRoute({
    path: '/forecasts/how-many',
    schema: HowManyResponseSchema,
    tag,
    summary: 'How many items by a date: counts at 50/70/85/95% with the backtest hit rate',
    extra: HowManyQuerySchema.shape,
  }),
}

/** The Monte Carlo forecast routes of a scope. */
export function forecastRoutes(deps: ApiDeps) {
  return createRouter()
    .openapi(routes.when, (c) =>
      serveAnalysis(c, deps, {
        name: 'forecast-when',
        query: c.req.valid('query'),
      }),
    )
    .openapi(setRoute, (c) => {
      const { asOf, keys, ...rest } = c.req.valid('query')
      const query = { ...rest, keys: keys?.split(',').map((k) => k.trim()) }
      const asOfMs = resolveAsOf(asOf, deps.service.defaultAsOf())
      return sendCached(c, deps.service, (snapshot) => {
        const readable = readableIn(principalOf(c), snapshot)
        return {
          key: cacheKey('item-set', query, asOfMs, readable),
          compute: async (signal) => {
            const input = snapshot.input(asOfMs)
            const count = snapshot.dataset.itemCount
            const visible = readableItemMarks(snapshot.mapping.compiled, readable, count)
            const items = selectItemSet(snapshot.dataset, query, visible)
            const graph = await collectSetDelivery(deps.store, input, items)
            // work below the set in streams the principal may not read is left out
            const delivery = [...graph]
              .filter(([i]) => !visible || visible[i] === 1)
              .map(([i, below]): [number, number[]] => [
                i,
                below.filter((j) => !visible || visible[j] === 1),
              ])
            const args = { items, delivery, asOfMs }
            return deps.service.compute(snapshot, { view: 'item-set', args }, signal)
          },
        }
      })
    })
    .openapi(routes.howMany, (c) =>
      serveAnalysis(c, deps, {
        name: 'forecast-how-many',
        query: c.req.valid('query'),
        check: (params, query) =>
          assertForecastDate(query.date, dateOfInstant(params.asOfMs, params.zone)),
      }),
    )
}
