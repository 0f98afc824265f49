import { MS_PER_DAY, VmoError, qualify } from '@openvmo/core'
import type { FlowDataset } from '@openvmo/core'
import { walkStatusStretches } from '../engine'
import type { TimeInStateItemsResponse } from '../schemas/flow-schemas'
import { completionsOf, wholeRange } from './flow-views'
import type { ViewContext } from './view-context'
import { instantText, itemRef, resultContext } from './view-context'

/** The dataset's status id of `status` in `source` (case-insensitive); NOT_FOUND when unknown. */
export function getStatusId(dataset: FlowDataset, source: string, status: string): number {
  const exact = dataset.statuses.find(qualify(source, status))
  if (exact >= 0) return exact
  const wanted = qualify(source, status).toLowerCase()
  const id = dataset.statuses.values.findIndex((value) => value.toLowerCase() === wanted)
  if (id < 0) throw new VmoError('NOT_FOUND', `status "${status}" of source "${source}" is unknown`)
  return id
}

interface StateVisit {
  item: number
  ms: number
  visits: number
}

function visitsOf(ctx: ViewContext, statusId: number): StateVisit[] {
  const { dataset, timelines } = ctx.input
  const index = completionsOf(ctx)
  const range = wholeRange(ctx)
  const out: StateVisit[] = []
  for (let k = index.offset[range.first] ?? 0; k < (index.offset[range.last] ?? 0); k++) {
    const item = index.items[k] ?? 0
    const start = timelines.startMs[item] ?? 0
    const end = timelines.endMs[item] ?? 0
    const visit: StateVisit = { item, ms: 0, visits: 0 }
    const walk = { dataset, item, asOfMs: timelines.asOfMs, openEndMs: end }
    walkStatusStretches(walk, (status, a, b) => {
      const ms = Math.min(b, end) - Math.max(a, start)
      if (status !== statusId || ms <= 0) return
      visit.ms += ms
      visit.visits++
    })
    if (visit.visits > 0) out.push(visit)
  }
  return out.sort((a, b) => b.ms - a.ms)
}

/**
 * `GET /flow/time-in-state/items`: the completed items of the range that spent time in one tool
 * state between their start and end, longest first, with their days there (the drill-down of
 * time in state). Paginated.
 */
export function timeInStateItemsView(
  ctx: ViewContext,
  query: { status: string; source: string; limit: number; offset: number },
): TimeInStateItemsResponse {
  const statusId = getStatusId(ctx.input.dataset, query.source, query.status)
  const visits = visitsOf(ctx, statusId)
  const page = visits.slice(query.offset, query.offset + query.limit)
  return {
    ...resultContext(ctx),
    status: query.status,
    source: query.source,
    items: page.map(({ item, ms, visits: count }) => ({
      ...itemRef(ctx.input, item),
      days: ms / MS_PER_DAY,
      visits: count,
      end: instantText(ctx.input.timelines.endMs[item] ?? 0),
    })),
    total: visits.length,
    limit: query.limit,
    offset: query.offset,
  }
}
