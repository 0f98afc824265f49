import { MS_PER_DAY, VmoError, qualify, selectInPlace } from '@openvmo/core'
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

/** Time one completed item spent in a tool state: ms in total over `visits` stretches. */
export interface StateVisit {
  item: number
  ms: number
  visits: number
}

function visitsOf(ctx: ViewContext, statusId: number): StateVisit[] {
  const { dataset, timelines } = ctx.input
  const index = completionsOf(ctx)
  const range = wholeRange(ctx)
  const out: StateVisit[] = []
  // One walk and one visitor for every item (it runs over every completion of the range).
  const walk = { dataset, item: 0, asOfMs: timelines.asOfMs, openEndMs: 0 }
  let start = 0
  let visit: StateVisit = { item: 0, ms: 0, visits: 0 }
  const onStretch = (status: number, a: number, b: number) => {
    const ms = Math.min(b, walk.openEndMs) - Math.max(a, start)
    if (status !== statusId || ms <= 0) return
    visit.ms += ms
    visit.visits++
  }
  for (let k = index.offset[range.first] ?? 0; k < (index.offset[range.last] ?? 0); k++) {
    const item = index.items[k] ?? 0
    start = timelines.startMs[item] ?? 0
    walk.item = item
    walk.openEndMs = timelines.endMs[item] ?? 0
    walkStatusStretches(walk, onStretch)
    if (visit.visits > 0) {
      visit.item = item
      out.push(visit)
      visit = { item: 0, ms: 0, visits: 0 }
    }
  }
  return out
}

const longestFirst = (a: StateVisit, b: StateVisit) => b.ms - a.ms

/**
 * The first `end` visits longest first (ties in completion order), as a stable sort of all of
 * them would put them: the `end`-th longest duration is selected in linear time, and only the
 * visits at least that long are sorted (a page of 20 out of a hundred thousand completions).
 */
export function rankLongest(visits: StateVisit[], end: number): StateVisit[] {
  if (end >= visits.length) return visits.sort(longestFirst)
  if (end <= 0) return []
  const durations = Float64Array.from(visits, (v) => v.ms)
  selectInPlace(durations, visits.length - end)
  const shortest = durations[visits.length - end] ?? 0
  return visits.filter((v) => v.ms >= shortest).sort(longestFirst)
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
  const end = query.offset + query.limit
  const page = rankLongest(visits, end).slice(query.offset, end)
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
