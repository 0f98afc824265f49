/** Result of the Little's-law consistency check over a range. */
export type LittlesLawCheck =
  | {
      kind: 'check'
      /** Average Flow Load over the sampled days. */
      averageLoad: number
      /** Completed items per day over the sampled days. */
      throughputPerDay: number
      /** averageLoad ÷ throughputPerDay, in days: what Little's law predicts for mean flow time. */
      predictedFlowTimeDays: number
      /** Mean flow time of the completed items, in days. */
      meanFlowTimeDays: number
      /** |predicted − mean| ÷ mean. */
      divergence: number
      /** Whether the divergence exceeds the threshold (default 25%). */
      flagged: boolean
      reasons: string[]
    }
  | { kind: 'insufficient_data'; reason: string }

/** Inputs of {@link checkLittlesLaw}. */
export interface LittlesLawInput {
  averageLoad: number | null
  completed: number
  sampledDays: number
  meanFlowTimeDays: number | null
  canceled: number
  /** Flow Load at the start and at the end of the range, to tell a non-steady state. */
  loadAtStart: number | null
  loadAtEnd: number | null
  threshold?: number
}

/**
 * **Little's-law check**: over a period, `average load ÷ (completed per day)` against mean flow
 * time; a divergence over 25% is flagged with the reasons it usually means: not a steady state
 * (load rose or fell by more than a quarter over the range), items never finishing (load high
 * against completions), canceled work (started items leaving without completing).
 */
export function checkLittlesLaw(input: LittlesLawInput): LittlesLawCheck {
  const { averageLoad, completed, sampledDays, meanFlowTimeDays } = input
  if (averageLoad === null || sampledDays <= 0 || completed === 0 || !meanFlowTimeDays) {
    return {
      kind: 'insufficient_data',
      reason: 'needs completed items with flow time > 0 and sampled days',
    }
  }
  const throughputPerDay = completed / sampledDays
  const predicted = averageLoad / throughputPerDay
  const divergence = Math.abs(predicted - meanFlowTimeDays) / meanFlowTimeDays
  const flagged = divergence > (input.threshold ?? 0.25)
  return {
    kind: 'check',
    averageLoad,
    throughputPerDay,
    predictedFlowTimeDays: predicted,
    meanFlowTimeDays,
    divergence,
    flagged,
    reasons: flagged ? explain(input, predicted > meanFlowTimeDays) : [],
  }
}

function explain(input: LittlesLawInput, predictedLonger: boolean): string[] {
  const reasons: string[] = []
  const { loadAtStart, loadAtEnd } = input
  if (
    loadAtStart !== null &&
    loadAtEnd !== null &&
    Math.abs(loadAtEnd - loadAtStart) > 0.25 * Math.max(loadAtStart, 1)
  ) {
    reasons.push(`not a steady state: load went from ${loadAtStart} to ${loadAtEnd} over the range`)
  }
  if (predictedLonger)
    reasons.push('items never finishing: work in progress ages without completing')
  if (input.canceled > 0)
    reasons.push(`canceled work: ${input.canceled} started items were canceled`)
  if (!predictedLonger)
    reasons.push(
      'completions of items started before the range dominate (range shorter than flow times)',
    )
  return reasons
}
