import type { Context } from 'hono'
import type { z } from '@hono/zod-openapi'
import { createRoute } from '@hono/zod-openapi'
import { cacheKey, resolveAnalysis } from '../analysis-params'
import { sendCached } from '../respond'
import type { ScopeQuery } from '../schemas/common-schemas'
import { ScopeQuerySchema } from '../schemas/common-schemas'
import type { ViewContext } from '../views/view-context'
import { createViewContext } from '../views/view-context'
import type { ApiDeps } from './route-helpers'
import { ERROR_RESPONSES, jsonResponse } from './route-helpers'

/** The OpenAPI route of a GET analysis endpoint: the common query plus `extra` fields. */
export function analysisRoute<
  S extends z.ZodType,
  E extends z.ZodRawShape = Record<never, never>,
>(spec: { path: string; schema: S; summary: string; tag: string; extra?: E }) {
  return createRoute({
    method: 'get',
    path: spec.path,
    tags: [spec.tag],
    summary: spec.summary,
    request: { query: ScopeQuerySchema.extend(spec.extra ?? ({} as E)) },
    responses: { 200: jsonResponse(spec.schema, spec.summary), ...ERROR_RESPONSES },
  })
}

/** How one analysis request is answered: its name, validated query and view. */
export interface AnalysisRequest<Q extends ScopeQuery> {
  name: string
  query: Q
  view: (ctx: ViewContext, query: Q) => unknown
}

/**
 * Answers an analysis request from the cache: resolves the common query against the snapshot,
 * keys the cache by the route name and the resolved query, and computes the view on a miss.
 */
export function serveAnalysis<Q extends ScopeQuery>(
  c: Context,
  deps: ApiDeps,
  request: AnalysisRequest<Q>,
): Promise<never> {
  return sendCached(c, deps.service, (snapshot) => {
    const params = resolveAnalysis(request.query, snapshot, deps.service.defaultAsOf())
    return {
      key: cacheKey(request.name, params, request.query),
      compute: () => {
        const ctx = createViewContext(snapshot.input(params.asOfMs), params)
        return request.view(ctx, request.query)
      },
    }
  })
}
