import {
  HowManyQuerySchema,
  HowManyResponseSchema,
  WhenQuerySchema,
  WhenResponseSchema,
} from '../schemas/forecast-schemas'
import { dateOfInstant } from '@openvmo/core'
import { assertForecastDate } from '../request-limits'
import { analysisRoute, serveAnalysis } from './analysis-route'
import type { ApiDeps } from './route-helpers'
import { createRouter } from './route-helpers'

const tag = 'Forecasts'

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
    .openapi(routes.howMany, (c) =>
      serveAnalysis(c, deps, {
        name: 'forecast-how-many',
        query: c.req.valid('query'),
        check: (params, query) =>
          assertForecastDate(query.date, dateOfInstant(params.asOfMs, params.zone)),
      }),
    )
}
