import type { ExperimentContext, ExperimentDefinition } from '@openvmo/core'
import {
  addDays,
  analyzeExperiment,
  collectWeeklyFigures,
  createSeededRandom,
  dateOfInstant,
  suggestChangePoints,
} from '@openvmo/core'
import type { FlowSnapshot } from '../flow-snapshot'
import { mappedStreamNames } from '../auth/stream-access'
import { instantText } from './view-context'

/** Weeks of history the change-point suggestions look at (two years). */
const SUGGESTION_WEEKS = 104

/**
 * The bootstrap seed of an experiment: a 32-bit FNV-1a hash of its id, so its report is the
 * same on every call, in the API, the CLI and the HTML export.
 */
export function experimentSeed(id: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193)
  return hash | 0
}

/**
 * What a definition is checked against on `snapshot` as of `asOfMs`: the mapping's value streams
 * (an experiment is measured on them), the teams of the items, and today in the mapping's zone.
 */
export function experimentContextOf(snapshot: FlowSnapshot, asOfMs: number): ExperimentContext {
  const zone = snapshot.mapping.config?.timezone ?? 'UTC'
  return {
    today: dateOfInstant(asOfMs, zone),
    streams: mappedStreamNames(snapshot),
    teams: snapshot.dataset.teams.values,
  }
}

/** The report of an experiment as of `asOfMs` (docs/experiments.md), with its as-of instant. */
export function experimentReportView(
  snapshot: FlowSnapshot,
  args: { definition: ExperimentDefinition; asOfMs: number },
) {
  const input = snapshot.input(args.asOfMs)
  const random = createSeededRandom(experimentSeed(args.definition.id))
  return {
    ...analyzeExperiment(input, args.definition, { random }),
    asOf: instantText(args.asOfMs),
  }
}

/** Change points of a stream's last two years of complete weeks, offered as candidate experiments. */
export function experimentSuggestionsView(
  snapshot: FlowSnapshot,
  args: { stream: string; asOfMs: number },
) {
  const input = snapshot.input(args.asOfMs)
  const today = dateOfInstant(args.asOfMs, input.mapping.timezone)
  const scope = { stream: args.stream, teams: [], types: [] }
  const weeks = collectWeeklyFigures(input, scope, {
    from: addDays(today, -7 * SUGGESTION_WEEKS),
    to: addDays(today, 1),
  })
  return { stream: args.stream, suggestions: suggestChangePoints(weeks) }
}
