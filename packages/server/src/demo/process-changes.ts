import { MS_PER_DAY } from '@openvmo/core'
import { dayStart, weekdayOf } from './calendar'
import type { DemoStream, DemoTeam } from './organisation'

/** A past process change whose effect shows in the data, framed as an experiment. */
export interface DemoExperiment {
  name: string
  stream: DemoStream
  /** Day of the change (YYYY-MM-DD, Europe/Berlin); "before" ends and "after" begins here. */
  changeDate: string
  hypothesis: string
  /** The flow metric the change should move (`flow_time_p85`, `time_in_state`, ...). */
  targetMetric: string
  /** For `time_in_state`: the tool state concerned. */
  state?: string
}

/** How a team works at some moment: what the process changes alter. */
export interface TeamRegime {
  /** Items the team works on at once (In Progress); more items wait in Ready for Development. */
  slots: number
  /** Work is pulled: items stay in the backlog until a slot is about to free (a WIP limit). */
  pull: boolean
  /** Multiplier of the time in In Progress: context switching stretches every item. */
  activeScale: number
  /** Median wait for a reviewer: long when everyone is busy with many items. */
  reviewQueueMedianDays: number
  awaitingQaMedianDays: number
  inQaMedianDays: number
}

/** The instants of the two process changes of the demo. */
export interface ProcessChanges {
  /** Payments limits work in progress (one item per developer). */
  wipLimitMs: number
  /** Mobile App replaces the manual regression pass with automated tests. */
  qaAutomationMs: number
  experiments: DemoExperiment[]
}

function mondayBefore(ms: number): number {
  const day = dayStart(ms)
  return day - ((weekdayOf(day) + 6) % 7) * MS_PER_DAY
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/**
 * The two process changes, dated relative to the as-of time: Payments' WIP limit about nine
 * months before and Mobile App's QA automation about five months before (both on a Monday).
 */
export function createProcessChanges(asOfMs: number): ProcessChanges {
  const wipLimitMs = mondayBefore(asOfMs - 274 * MS_PER_DAY)
  const qaAutomationMs = mondayBefore(asOfMs - 152 * MS_PER_DAY)
  return {
    wipLimitMs,
    qaAutomationMs,
    experiments: [
      {
        name: 'WIP limit of one item per developer',
        stream: 'Payments',
        changeDate: isoDate(wipLimitMs),
        hypothesis:
          'If Payments teams start new work only when an item leaves In Progress, context switching falls and flow time p85 drops by at least a third within a quarter, without lowering velocity.',
        targetMetric: 'flow_time_p85',
      },
      {
        name: 'Automated regression tests replace the manual QA pass',
        stream: 'Mobile App',
        changeDate: isoDate(qaAutomationMs),
        hypothesis:
          'If every merge runs the automated regression suite, items stop queueing for manual QA and the time spent in Awaiting QA falls below half a day.',
        targetMetric: 'time_in_state',
        state: 'Awaiting QA',
      },
    ],
  }
}

/** The way `team` works at `atMs`, given the process changes. */
export function regimeAt(changes: ProcessChanges, team: DemoTeam, atMs: number): TeamRegime {
  const regime: TeamRegime = {
    slots: team.members + 3,
    pull: false,
    activeScale: 1,
    reviewQueueMedianDays: 0.6,
    awaitingQaMedianDays: 1,
    inQaMedianDays: 0.5,
  }
  if (team.stream === 'Payments') {
    const limited = atMs >= changes.wipLimitMs
    regime.slots = limited ? team.members + 1 : team.members * 3
    regime.pull = limited
    regime.activeScale = limited ? 1 : 3
    regime.reviewQueueMedianDays = limited ? 0.5 : 2
  }
  if (team.stream === 'Mobile App') {
    const automated = atMs >= changes.qaAutomationMs
    regime.awaitingQaMedianDays = automated ? 0.1 : 3.5
    regime.inQaMedianDays = automated ? 0.3 : 1
  }
  return regime
}

/**
 * Share of bugs and tech debt among a stream's new work at `atMs` (0..1). Customer Portal cut
 * it for a feature push in the second half of the first year; incidents follow a quarter later.
 */
export function debtShareAt(stream: DemoStream, atMs: number, startMs: number): number {
  const month = (atMs - startMs) / (30.44 * MS_PER_DAY)
  if (stream === 'Customer Portal' && month >= 7 && month < 13) return 0.1
  if (stream === 'Data Platform' && month >= 15 && month < 18) return 0.18
  return 0.3
}

/** Days by which incidents lag the debt share that causes them. */
export const INCIDENT_LAG_DAYS = 90
