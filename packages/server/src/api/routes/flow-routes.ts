import { PageQuerySchema } from '../schemas/common-schemas'
import {
  AgingWipSchema,
  CumulativeFlowSchema,
  DailyFlowSchema,
  DataQualitySchema,
  FlowTimesSchema,
  LittlesLawResponseSchema,
  TimeInStateItemsQuerySchema,
  TimeInStateItemsSchema,
  TimeInStateSchema,
} from '../schemas/flow-schemas'
import { analysisRoute, serveAnalysis } from './analysis-route'
import type { ApiDeps } from './route-helpers'
import { createRouter } from './route-helpers'

const tag = 'Flow analysis'

const routes = {
  cfd: analysisRoute({
    path: '/flow/cfd',
    schema: CumulativeFlowSchema,
    tag,
    summary: 'Cumulative flow: items per state at the end of each day',
  }),
  timeInState: analysisRoute({
    path: '/flow/time-in-state',
    schema: TimeInStateSchema,
    tag,
    summary: 'Time in state of the completed items of the range',
  }),
  timeInStateItems: analysisRoute({
    path: '/flow/time-in-state/items',
    schema: TimeInStateItemsSchema,
    tag,
    summary: 'Drill-down: the items that spent time in one state, longest first',
    extra: { ...TimeInStateItemsQuerySchema.shape, ...PageQuerySchema.shape },
  }),
  aging: analysisRoute({
    path: '/flow/aging',
    schema: AgingWipSchema,
    tag,
    summary: 'Aging work in progress against the flow-time percentiles',
  }),
  flowTimes: analysisRoute({
    path: '/flow/flow-times',
    schema: FlowTimesSchema,
    tag,
    summary: 'Flow-time scatterplot of the completed items',
  }),
  daily: analysisRoute({
    path: '/flow/daily',
    schema: DailyFlowSchema,
    tag,
    summary: 'Throughput, arrivals and load per day',
  }),
  littlesLaw: analysisRoute({
    path: '/flow/littles-law',
    schema: LittlesLawResponseSchema,
    tag,
    summary: "Little's-law consistency check",
  }),
  dataQuality: analysisRoute({
    path: '/flow/data-quality',
    schema: DataQualitySchema,
    tag,
    summary: 'Data-quality findings',
  }),
}

/** The flow-analysis routes: CFD, time in state, aging, flow times, daily flow, checks. */
export function flowRoutes(deps: ApiDeps) {
  return createRouter()
    .openapi(routes.cfd, (c) =>
      serveAnalysis(c, deps, {
        name: 'cfd',
        query: c.req.valid('query'),
      }),
    )
    .openapi(routes.timeInState, (c) =>
      serveAnalysis(c, deps, {
        name: 'time-in-state',
        query: c.req.valid('query'),
      }),
    )
    .openapi(routes.timeInStateItems, (c) =>
      serveAnalysis(c, deps, {
        name: 'time-in-state-items',
        query: c.req.valid('query'),
      }),
    )
    .openapi(routes.aging, (c) =>
      serveAnalysis(c, deps, { name: 'aging', query: c.req.valid('query') }),
    )
    .openapi(routes.flowTimes, (c) =>
      serveAnalysis(c, deps, {
        name: 'flow-times',
        query: c.req.valid('query'),
      }),
    )
    .openapi(routes.daily, (c) =>
      serveAnalysis(c, deps, { name: 'daily', query: c.req.valid('query') }),
    )
    .openapi(routes.littlesLaw, (c) =>
      serveAnalysis(c, deps, {
        name: 'littles-law',
        query: c.req.valid('query'),
      }),
    )
    .openapi(routes.dataQuality, (c) =>
      serveAnalysis(c, deps, {
        name: 'data-quality',
        query: c.req.valid('query'),
      }),
    )
}
