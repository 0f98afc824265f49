import type { FlowInput, PeriodMetrics } from './flow-metrics-report'
import type { Selection } from '../engine/selection'
import type { LittlesLawCheck } from './littles-law'
import { QUALITY_FLAGS } from '../model/data-quality-flags'

/** A warning attached to a metrics report: a stable code and a sentence for people. */
export interface MetricsWarning {
  code:
    | 'LITTLES_LAW_DIVERGENCE'
    | 'FLOW_EFFICIENCY_UNAVAILABLE'
    | 'FLOW_TIME_WITHOUT_HISTORY'
    | 'DATA_QUALITY'
    | 'NO_COMPLETIONS'
  message: string
}

function countFlag(input: FlowInput, selection: Selection, flag: number): number {
  let count = 0
  for (const i of selection) if ((input.timelines.quality[i]! & flag) !== 0) count++
  return count
}

function efficiencyWarning(
  input: FlowInput,
  selection: Selection,
  total: PeriodMetrics,
): MetricsWarning[] {
  if (total.velocity.total === 0 || total.flowEfficiency.pooled !== null) return []
  const noHistory = countFlag(
    input,
    selection,
    QUALITY_FLAGS.no_status_history | QUALITY_FLAGS.done_without_start,
  )
  return [
    {
      code: 'FLOW_EFFICIENCY_UNAVAILABLE',
      message:
        `flow efficiency is unavailable: none of the ${total.velocity.total} completed items spent time in ` +
        `waiting or active states (${noHistory} items in scope have no status history or went straight to done), ` +
        'so active time cannot be told from waiting time; import a history with status changes',
    },
  ]
}

function flowTimeWarning(
  input: FlowInput,
  selection: Selection,
  total: PeriodMetrics,
): MetricsWarning[] {
  if (total.velocity.total === 0) return []
  let straight = 0
  for (const i of selection) {
    if (
      (input.timelines.quality[i]! & QUALITY_FLAGS.done_without_start) !== 0 &&
      input.timelines.endState[i] === 3
    )
      straight++
  }
  if (straight < total.velocity.total * 0.5) return []
  return [
    {
      code: 'FLOW_TIME_WITHOUT_HISTORY',
      message:
        `most completed items (${straight} in scope) went straight from new to done, so their flow time is 0 by ` +
        'definition: the history has no waiting or active states to measure; lead time (created to done) is the figure to read',
    },
  ]
}

function qualityWarning(input: FlowInput, selection: Selection): MetricsWarning[] {
  let flagged = 0
  for (const i of selection) if (input.timelines.quality[i]! !== 0) flagged++
  if (flagged === 0) return []
  return [
    {
      code: 'DATA_QUALITY',
      message: `${flagged} of ${selection.length} items have data-quality findings (see vmo validate); they are kept and handled by the documented rules`,
    },
  ]
}

/** Collects the report's warnings: Little's law, efficiency unavailable, data quality, no completions. */
export function collectWarnings(ctx: {
  input: FlowInput
  selection: Selection
  total: PeriodMetrics
  littlesLaw: LittlesLawCheck
}): MetricsWarning[] {
  const { input, selection, total, littlesLaw } = ctx
  const warnings: MetricsWarning[] = []
  if (total.velocity.total === 0) {
    warnings.push({
      code: 'NO_COMPLETIONS',
      message:
        'no item of the scope completed in the range: flow time, efficiency and distribution are null',
    })
  }
  if (littlesLaw.kind === 'check' && littlesLaw.flagged) {
    const pct = Math.round(littlesLaw.divergence * 100)
    warnings.push({
      code: 'LITTLES_LAW_DIVERGENCE',
      message: `little's law predicts a mean flow time of ${littlesLaw.predictedFlowTimeDays.toFixed(1)} days against ${littlesLaw.meanFlowTimeDays.toFixed(1)} measured (${pct}% apart): ${littlesLaw.reasons.join('; ')}`,
    })
  }
  return [
    ...warnings,
    ...efficiencyWarning(input, selection, total),
    ...flowTimeWarning(input, selection, total),
    ...qualityWarning(input, selection),
  ]
}
