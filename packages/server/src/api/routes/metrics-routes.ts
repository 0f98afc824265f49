import { cacheKey } from '../analysis-params'
import { sendCached } from '../respond'
import { FlowMetricsReportSchema, PortfolioResponseSchema } from '../schemas/metrics-schemas'
import { analysisRoute, readableAnalysis, serveAnalysis } from './analysis-route'
import type { ApiDeps } from './route-helpers'
import { createRouter } from './route-helpers'

const tag = 'Flow Metrics'

const routes = {
  metrics: analysisRoute({
    path: '/metrics',
    schema: FlowMetricsReportSchema,
    tag,
    summary: 'The five Flow Metrics per period: exactly `vmo metrics --json`',
  }),
  portfolio: analysisRoute({
    path: '/portfolio',
    schema: PortfolioResponseSchema,
    tag,
    summary: 'Every value stream: last full period, trend, distribution against target, warnings',
  }),
}

/** The Flow Metrics routes: one scope's report and the portfolio of all value streams. */
export function metricsRoutes(deps: ApiDeps) {
  return createRouter()
    .openapi(routes.metrics, (c) =>
      serveAnalysis(c, deps, {
        name: 'metrics',
        query: c.req.valid('query'),
      }),
    )
    .openapi(routes.portfolio, (c) => {
      const query = c.req.valid('query')
      return sendCached(c, deps.service, (snapshot) => {
        const defaultAsOfMs = deps.service.defaultAsOf()
        const params = readableAnalysis(c, query, { snapshot, defaultAsOfMs })
        return {
          key: cacheKey('portfolio', params),
          compute: { view: 'portfolio', args: { params } },
        }
      })
    })
}
