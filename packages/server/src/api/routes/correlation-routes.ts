import { VmoError } from '@openvmo/core'
import { CorrelationQuerySchema, ResultCorrelationsSchema } from '../schemas/result-schemas'
import type { FlowMetricsReportResponse } from '../schemas/metrics-schemas'
import { resultCorrelationsView } from '../views/result-correlations-view'
import { analysisRoute, readableAnalysis } from './analysis-route'
import type { ApiDeps } from './route-helpers'
import { createRouter, sendFresh } from './route-helpers'

const route = analysisRoute({
  path: '/business-results/correlations',
  schema: ResultCorrelationsSchema,
  tag: 'Business results',
  summary:
    "How a stream's flow metrics move with its business results: per metric and result, the lag (in periods) with the strongest rank correlation, its interval and cautions",
  extra: CorrelationQuerySchema.shape,
})

/**
 * Flow ↔ results: the lagged rank correlations of one value stream's flow metrics (per period of
 * the query's range, periods not over left out) with its business results (their points' mean per
 * period), counting every metric × result × lag tried.
 */
export function correlationRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const query = c.req.valid('query')
    const snapshot = await deps.service.snapshot()
    const params = readableAnalysis(c, query, {
      snapshot,
      defaultAsOfMs: deps.service.defaultAsOf(),
    })
    const task = { view: 'analysis', args: { name: 'metrics', params, query } } as const
    // computed first: an unknown team is NOT_FOUND as on every analysis route
    const report = JSON.parse(
      await deps.service.compute(snapshot, task, c.req.raw.signal),
    ) as FlowMetricsReportResponse
    if (query.stream?.length !== 1) {
      throw new VmoError(
        'INVALID_INPUT',
        'correlations are per value stream: name exactly one (stream=Payments)',
      )
    }
    const asked = (query.stream[0] ?? '').toLowerCase()
    const stream =
      snapshot.mapping.config?.valueStreams.find((s) => s.name.toLowerCase() === asked)?.name ??
      query.stream[0] ??
      ''
    const points = await deps.store.listBusinessResults(stream)
    return sendFresh(c, resultCorrelationsView(report, { stream, points, maxLag: query.maxLag }))
  })
}
