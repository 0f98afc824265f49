import type { FlowDataset } from '@openvmo/core'
import { dateOfInstant, latestDataInstant } from '@openvmo/core'
import type { DataNoticeResponse } from '../schemas/flow-schemas'
import type { ViewContext } from './view-context'

const DAY_MS = 86_400_000

/** Data that ends at least this long before the as-of date is called out: ages and ranges mislead. */
export const STALE_DATA_DAYS = 30

const latest = new WeakMap<FlowDataset, number>()

/** The latest instant of the data (memoised per dataset); NaN when the store is empty. */
export function dataEndMs(dataset: FlowDataset): number {
  let ms = latest.get(dataset)
  if (ms === undefined) {
    ms = latestDataInstant(dataset)
    latest.set(dataset, ms)
  }
  return ms
}

const count = (n: number) => n.toLocaleString('en')

/** The day the data ends in the request's zone, and how many whole days before the as-of date. */
function dataEnd(ctx: ViewContext): { date: string; daysBefore: number } | undefined {
  const ms = dataEndMs(ctx.input.dataset)
  if (Number.isNaN(ms)) return undefined
  return {
    date: dateOfInstant(ms, ctx.params.zone),
    daysBefore: Math.floor((ctx.params.asOfMs - ms) / DAY_MS),
  }
}

/** The day the data ends, when it ends at least {@link STALE_DATA_DAYS} before the as-of date. */
function staleEnd(ctx: ViewContext): { date: string; daysBefore: number } | undefined {
  const end = dataEnd(ctx)
  return end && end.daysBefore >= STALE_DATA_DAYS ? end : undefined
}

const endsBefore = (end: { date: string; daysBefore: number }) =>
  `the data ends on ${end.date}, ${count(end.daysBefore)} days before the as-of date`

/**
 * Why time in state shows little or nothing, and what would fill it: no item completed in the
 * range (the data may end before it), or completed items without status history.
 */
export function timeInStateNotices(
  ctx: ViewContext,
  counts: { completed: number; withoutHistory: number; statesShown: number },
): DataNoticeResponse[] {
  const { completed, withoutHistory: without, statesShown } = counts
  const { from, to } = ctx.params
  if (completed === 0) {
    const stale = staleEnd(ctx)
    const fill = stale
      ? `${endsBefore(stale)}: set the as-of date to ${stale.date}`
      : 'widen the range'
    return [
      {
        code: 'NO_COMPLETED_ITEMS',
        message: `no item was completed between ${from} and ${to}: time in state is measured on completed items; ${fill}`,
        dataEnd: stale?.date ?? null,
      },
    ]
  }
  if (without === 0 || (without * 2 < completed && statesShown > 0)) return []
  return [
    {
      code: 'NO_STATUS_HISTORY',
      message: `${count(without)} of ${count(completed)} completed ${completed === 1 ? 'item' : 'items'} ${without === 1 ? 'has' : 'have'} no status change between created and resolved: time in state needs the status history; import the changelog (the tool's history of status changes, as a sync or a history export brings it)`,
      dataEnd: null,
    },
  ]
}

/** Why aging shows nothing, or shows ages that grow with the as-of date rather than the work. */
export function agingNotices(ctx: ViewContext, itemsShown: number): DataNoticeResponse[] {
  const notices: DataNoticeResponse[] = []
  if (itemsShown === 0) {
    notices.push({
      code: 'NO_ITEMS_IN_PROGRESS',
      message:
        'no item is in progress (in a waiting or active state) at the as-of date: aging needs items started and not finished',
      dataEnd: null,
    })
  }
  const stale = staleEnd(ctx)
  if (stale) {
    const effect =
      itemsShown > 0
        ? 'ages are counted up to the as-of date, so every item in progress looks at least that old'
        : 'items in progress when the data ends show only as of then'
    notices.push({
      code: 'DATA_ENDS_BEFORE_AS_OF',
      message: `${endsBefore(stale)}: ${effect}; set the as-of date to ${stale.date}`,
      dataEnd: stale.date,
    })
  }
  return notices
}
