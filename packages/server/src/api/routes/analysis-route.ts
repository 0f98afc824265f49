import type { Context } from 'hono'
import type { z } from '@hono/zod-openapi'
import { createRoute } from '@hono/zod-openapi'
import type { AnalysisParams } from '../analysis-params'
import { cacheKey, resolveAnalysis, withReadableScope } from '../analysis-params'
import type { AnalysisViewName } from '../compute/compute-views'
import { sendCached } from '../respond'
import type { ScopeQuery } from '../schemas/common-schemas'
import { ScopeQuerySchema } from '../schemas/common-schemas'
import { principalOf } from '../auth/principal'
import { assertReadableTeams, readableIn } from '../auth/stream-access'
import type { FlowSnapshot } from '../flow-snapshot'
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

/** How one analysis request is answered: its view's name, validated query and extra checks. */
export interface AnalysisRequest<Q extends ScopeQuery> {
  name: AnalysisViewName
  query: Q
  /** Checks of the route's own fields against the resolved parameters (throw INVALID_INPUT). */
  check?: (params: AnalysisParams, query: Q) => void
}

/**
 * Answers an analysis request from the cache: resolves the common query against the snapshot
 * (bounds included, the scope narrowed to the streams the principal may read), keys the cache by
 * the view and the resolved query (so by the narrowed scope), and runs the view on
 * the service's executor on a miss.
 */
/**
 * The resolved parameters of an analysis request, narrowed to the streams (and their teams) the
 * request's principal may read: NOT_FOUND as for an unknown stream or team otherwise.
 */
export function readableAnalysis(
  c: Context,
  query: ScopeQuery,
  at: { snapshot: FlowSnapshot; defaultAsOfMs: number },
): AnalysisParams {
  const readable = readableIn(principalOf(c), at.snapshot)
  const params = resolveAnalysis(query, at.snapshot, at.defaultAsOfMs)
  assertReadableTeams(at.snapshot, readable, params.scope.teams ?? [])
  return withReadableScope(params, readable)
}

export function serveAnalysis<Q extends ScopeQuery>(
  c: Context,
  deps: ApiDeps,
  request: AnalysisRequest<Q>,
): Promise<never> {
  return sendCached(c, deps.service, (snapshot) => {
    const { name, query } = request
    const defaultAsOfMs = deps.service.defaultAsOf()
    const params = readableAnalysis(c, query, { snapshot, defaultAsOfMs })
    request.check?.(params, query)
    return {
      key: cacheKey(name, params, query),
      compute: { view: 'analysis', args: { name, params, query } },
    }
  })
}
