import type { FlowInput, PeriodMetrics } from './flow-metrics-report'
import type { Selection } from '../engine/selection'
import type { LittlesLawCheck } from './littles-law'
import { QUALITY_FLAGS } from '../model/data-quality-flags'

/** The codes of a metrics report's warnings. */
export const METRICS_WARNING_CODES = [
  'UNMAPPED_VALUES',
  'LITTLES_LAW_DIVERGENCE',
  'FLOW_EFFICIENCY_UNAVAILABLE',
  'FLOW_TIME_WITHOUT_HISTORY',
  'DATA_QUALITY',
  'NO_COMPLETIONS',
] as const

/** A warning attached to a metrics report: a stable code and a sentence for people. */
export interface MetricsWarning {
  code: (typeof METRICS_WARNING_CODES)[number]
  message: string
}

/** The counts over the selection the warnings rest on, from one pass over its items. */
interface QualityCounts {
  /** Items with any data-quality finding. */
  flagged: number
  /** Items without status history or done without a start (flow efficiency cannot be told). */
  noHistory: number
  /** Completed items done without a start (flow time 0 by definition). */
  straight: number
  /** Items left out because they use a value the mapping does not map. */
  unmapped: number
}

function countQuality(input: FlowInput, selection: Selection): QualityCounts {
  const { quality, endState } = input.timelines
  const noHistoryBits = QUALITY_FLAGS.no_status_history | QUALITY_FLAGS.done_without_start
  const counts = { flagged: 0, noHistory: 0, straight: 0, unmapped: 0 }
  for (let s = 0; s < selection.length; s++) {
    const i = selection[s]!
    const bits = quality[i]!
    if (bits === 0) continue
    if ((bits & QUALITY_FLAGS.unmapped_value) !== 0) {
      counts.unmapped++
      continue
    }
    counts.flagged++
    if ((bits & noHistoryBits) !== 0) counts.noHistory++
    if ((bits & QUALITY_FLAGS.done_without_start) !== 0 && endState[i] === 3) counts.straight++
  }
  return counts
}

function efficiencyWarning(counts: QualityCounts, total: PeriodMetrics): MetricsWarning[] {
  if (total.velocity.total === 0 || total.flowEfficiency.pooled !== null) return []
  return [
    {
      code: 'FLOW_EFFICIENCY_UNAVAILABLE',
      message:
        `flow efficiency is unavailable: none of the ${total.velocity.total} completed items spent time in ` +
        `waiting or active states (${counts.noHistory} items in scope have no status history or went straight to done), ` +
        'so active time cannot be told from waiting time; import a history with status changes',
    },
  ]
}

function flowTimeWarning(counts: QualityCounts, total: PeriodMetrics): MetricsWarning[] {
  if (total.velocity.total === 0) return []
  const { straight } = counts
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

function qualityWarning(counts: QualityCounts, selection: Selection): MetricsWarning[] {
  const { flagged } = counts
  if (flagged === 0) return []
  return [
    {
      code: 'DATA_QUALITY',
      message: `${flagged} of ${selection.length} items have data-quality findings (vmo validate and the dashboard's Data quality page list them); they are kept and handled by the documented rules or the mapping's rules`,
    },
  ]
}

function unmappedWarning(counts: QualityCounts, input: FlowInput): MetricsWarning[] {
  if (counts.unmapped === 0) return []
  const { states, types } = input.mapping.unmapped
  const names = [...states, ...types]
    .filter((value) => value.items > 0)
    .map((value) => `"${value.name}" of ${value.source}`)
  return [
    {
      code: 'UNMAPPED_VALUES',
      message: `${counts.unmapped} ${counts.unmapped === 1 ? 'item is' : 'items are'} left out of every figure: ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} not mapped to a flow state or Flow Item type; map ${names.length === 1 ? 'it' : 'them'} in the mapping (or set an explicit default) to count ${counts.unmapped === 1 ? 'it' : 'them'}`,
    },
  ]
}

/**
 * Collects the report's warnings: unmapped values, Little's law, efficiency unavailable, data
 * quality, no completions.
 */
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
  const counts = countQuality(input, selection)
  return [
    ...unmappedWarning(counts, input),
    ...warnings,
    ...efficiencyWarning(counts, total),
    ...flowTimeWarning(counts, total),
    ...qualityWarning(counts, selection),
  ]
}
