import { cacheKey } from '../analysis-params'
import { sendCached } from '../respond'
import { principalOf } from '../auth/principal'
import { readableIn } from '../auth/stream-access'
import { DependencyGraphSchema, DependencyGroupingSchema } from '../schemas/dependency-schemas'
import { loadDependencyLinks } from '../views/dependency-link-loading'
import { analysisRoute, readableAnalysis } from './analysis-route'
import type { ApiDeps } from './route-helpers'
import { createRouter } from './route-helpers'

const routes = {
  dependencies: analysisRoute({
    path: '/dependencies',
    schema: DependencyGraphSchema,
    tag: 'Dependencies',
    summary:
      'Which teams or value streams held up the scope’s items while they waited, and for how long: exactly `vmo deps --json`',
    extra: {
      by: DependencyGroupingSchema.default('team').openapi({
        description: 'group items by their team (default) or their first value stream',
      }),
    },
  }),
}

/** The dependency graph: waits caused across teams or value streams. */
export function dependencyRoutes(deps: ApiDeps) {
  return createRouter().openapi(routes.dependencies, (c) => {
    const query = c.req.valid('query')
    return sendCached(c, deps.service, (snapshot) => {
      const defaultAsOfMs = deps.service.defaultAsOf()
      const params = readableAnalysis(c, query, { snapshot, defaultAsOfMs })
      const readable = readableIn(principalOf(c), snapshot)
      return {
        key: cacheKey('dependencies', params, query.by, readable),
        compute: async (signal) => {
          const links = await loadDependencyLinks(deps.store, snapshot.dataset)
          const args = { params, by: query.by, links, readable }
          return deps.service.compute(snapshot, { view: 'dependencies', args }, signal)
        },
      }
    })
  })
}
