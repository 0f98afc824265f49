import { createRoute, z } from '@hono/zod-openapi'
import { cacheKey } from '../analysis-params'
import { sendCached } from '../respond'
import {
  ItemJourneySchema,
  ItemPathSchema,
  ItemSearchQuerySchema,
  ItemSearchResponseSchema,
} from '../schemas/item-schemas'
import { InstantSchema } from '../schemas/common-schemas'
import { getItemIndex, itemNotFound } from '../views/item-lookup'
import { collectJourneyGraph } from '../views/journey-graph'
import { collectDeliveryGraph } from '../views/delivery-graph'
import { resolveAsOf } from '../analysis-params'
import { principalOf } from '../auth/principal'
import { readableIn, readableItemMarks } from '../auth/stream-access'
import type { ApiDeps } from './route-helpers'
import { ERROR_RESPONSES, createRouter, jsonResponse } from './route-helpers'

const tag = "Where's my thing"

const routes = {
  search: createRoute({
    method: 'get',
    path: '/items',
    tags: [tag],
    summary:
      'Search items across sources by key, title, labels and field text; open items first, then the most recently changed',
    request: { query: ItemSearchQuerySchema },
    responses: {
      200: jsonResponse(ItemSearchResponseSchema, 'one page of hits'),
      ...ERROR_RESPONSES,
    },
  }),
  journey: createRoute({
    method: 'get',
    path: '/items/{source}/{key}',
    tags: [tag],
    summary: "An item's journey: states, age against history, linked items, forecast",
    request: {
      params: ItemPathSchema,
      query: z.object({ asOf: InstantSchema.optional() }),
    },
    responses: { 200: jsonResponse(ItemJourneySchema, 'the journey'), ...ERROR_RESPONSES },
  }),
}

/** Item search and the item journey. */
export function itemRoutes(deps: ApiDeps) {
  return createRouter()
    .openapi(routes.search, (c) => {
      const query = c.req.valid('query')
      const asOfMs = resolveAsOf(query.asOf, deps.service.defaultAsOf())
      return sendCached(c, deps.service, (snapshot) => {
        const readable = readableIn(principalOf(c), snapshot)
        return {
          key: cacheKey('items', query, asOfMs, readable),
          compute: { view: 'search', args: { query, asOfMs, readable } },
        }
      })
    })
    .openapi(routes.journey, (c) => {
      const { source, key } = c.req.valid('param')
      const asOfMs = resolveAsOf(c.req.valid('query').asOf, deps.service.defaultAsOf())
      return sendCached(c, deps.service, (snapshot) => {
        const readable = readableIn(principalOf(c), snapshot)
        return {
          key: cacheKey('journey', source, key, asOfMs, readable),
          compute: async (signal) => {
            const i = getItemIndex(snapshot.dataset, source, key)
            const count = snapshot.dataset.itemCount
            const visible = readableItemMarks(snapshot.mapping.compiled, readable, count)
            // an item in no stream the principal may read is answered as one that does not exist
            if (visible && visible[i] !== 1) throw itemNotFound(source, key)
            const start = { source, key }
            const graph = await collectJourneyGraph(deps.store, snapshot.dataset, { start })
            const delivery = [...(await collectDeliveryGraph(deps.store, snapshot.dataset, i))]
            const [stored, state] = await Promise.all([
              deps.store.listItemFindings({ source, key }),
              deps.store.findFindingsState(),
            ])
            const findings = { asOf: state?.asOf ?? null, flags: stored[0]?.flags ?? [] }
            const args = { source, key, asOfMs, graph, delivery, findings, readable }
            return deps.service.compute(snapshot, { view: 'journey', args }, signal)
          },
        }
      })
    })
}
