// The engine functions and types the API uses, in one place.
export {
  NOT_ENDED,
  computeAgingWip,
  computeCumulativeFlow,
  computeDailyFlow,
  computeDailyLoad,
  computeDataQuality,
  computeFlowMetricsReport,
  computeFlowTime,
  computeTimeInState,
  createTimelineDeriver,
  deriveTimelines,
  indexCompletions,
  listFlowTimes,
  selectItems,
  walkStatusStretches,
} from '@openvmo/core'
export type {
  CompletionIndex,
  DurationSummary,
  FlowInput,
  FlowMetricsReport,
  PeriodMetrics,
  Scope,
  Selection,
  TimelineDeriver,
  Timelines,
} from '@openvmo/core'
