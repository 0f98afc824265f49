import { FLOW_ITEM_TYPES, FLOW_STATES, countItemsWithoutStatusHistory } from '@openvmo/core'
import type { FlowItemType, FlowState } from '@openvmo/core'
import {
  computeAgingWip,
  computeCumulativeFlow,
  computeDailyFlow,
  computeDailyLoad,
  computeDataQuality,
  computeFlowTime,
  computeTimeInState,
  indexCompletions,
  listFlowTimes,
} from '../engine'
import type {
  AgingWipResponse,
  CumulativeFlowResponse,
  DailyFlowResponse,
  DataQualityResponse,
  FlowTimesResponse,
  TimeInStateResponse,
} from '../schemas/flow-schemas'
import { agingNotices, timeInStateNotices } from './data-notices'
import type { ViewContext } from './view-context'
import { dayDates, instantText, itemRef, resultContext, toArray } from './view-context'

/** The completions of the context's range, indexed by period. */
export function completionsOf(ctx: ViewContext) {
  return indexCompletions(ctx.input.timelines, ctx.selection, ctx.periods)
}

/** The whole range as a period range of the completion index. */
export function wholeRange(ctx: ViewContext) {
  return { first: 0, last: ctx.periods.length - 1 }
}

/** `GET /flow/cfd`. */
export function cumulativeFlowView(ctx: ViewContext): CumulativeFlowResponse {
  const cfd = computeCumulativeFlow(ctx.input, ctx.selection, ctx.days)
  const byFlowState = Object.fromEntries(
    FLOW_STATES.map((state) => [state, toArray(cfd.byFlowState[state])]),
  ) as Record<FlowState, number[]>
  return {
    ...resultContext(ctx),
    days: dayDates(cfd.days, ctx.params.zone),
    lastDayPartial: cfd.lastDayPartial,
    bands: cfd.bands.map((band) => ({ ...band, counts: toArray(band.counts) })),
    byFlowState,
  }
}

/** `GET /flow/time-in-state`. */
export function timeInStateView(ctx: ViewContext): TimeInStateResponse {
  const completions = completionsOf(ctx)
  const tis = computeTimeInState(ctx.input, completions, wholeRange(ctx))
  const withoutHistory = countItemsWithoutStatusHistory(ctx.input.dataset, completions.items)
  return {
    ...resultContext(ctx),
    ...tis,
    completedWithoutStatusHistory: withoutHistory,
    notices: timeInStateNotices(ctx, {
      completed: completions.items.length,
      withoutHistory,
      statesShown: tis.states.length,
    }),
  }
}

/** `GET /flow/aging`: ages against the flow-time percentiles of the range's completions. */
export function agingView(ctx: ViewContext): AgingWipResponse {
  const flowTime = computeFlowTime(ctx.input.timelines, completionsOf(ctx), wholeRange(ctx))
  const aging = computeAgingWip(ctx.input, ctx.selection, flowTime)
  const items = aging.items.map(({ item, ...rest }) => ({
    ...rest,
    ...itemRef(ctx.input, item),
  }))
  return { ...resultContext(ctx), items, flowTime, notices: agingNotices(ctx, items.length) }
}

/** `GET /flow/flow-times`: one scatterplot point per completed item, by end. */
export function flowTimesView(ctx: ViewContext): FlowTimesResponse {
  const { timelines } = ctx.input
  const index = completionsOf(ctx)
  const points = listFlowTimes(timelines, index, wholeRange(ctx)).map(({ item, days }) => ({
    ...itemRef(ctx.input, item),
    end: instantText(timelines.endMs[item] ?? 0),
    flowTimeDays: days,
    flowItem: FLOW_ITEM_TYPES[timelines.flowItem[item] ?? 0] ?? 'feature',
  }))
  return {
    ...resultContext(ctx),
    points,
    flowTime: computeFlowTime(timelines, index, wholeRange(ctx)),
  }
}

/** `GET /flow/daily`: throughput and arrivals per day, load per day by type. */
export function dailyFlowView(ctx: ViewContext): DailyFlowResponse {
  const flow = computeDailyFlow(ctx.input.timelines, ctx.selection, ctx.days)
  const load = computeDailyLoad(ctx.input, ctx.selection, ctx.days)
  const byType = Object.fromEntries(
    FLOW_ITEM_TYPES.map((type, t) => [type, toArray(load.byType[t] ?? [])]),
  ) as Record<FlowItemType, number[]>
  return {
    ...resultContext(ctx),
    days: dayDates(ctx.days, ctx.params.zone),
    throughput: toArray(flow.throughput),
    arrivals: toArray(flow.arrivals),
    load: { total: toArray(load.total), byType, sampledDays: load.sampledDays },
  }
}

/** `GET /flow/data-quality` (at most 1000 items listed). */
export function dataQualityView(ctx: ViewContext): DataQualityResponse {
  return { ...resultContext(ctx), ...computeDataQuality(ctx.input, ctx.selection, 1000) }
}
