import type { CalendarDate } from '@openvmo/core'
import { VmoError, roundFigures } from '@openvmo/core'
import type { ModelEntity } from '../../store/store-types'
import type { AnalysisParams } from '../analysis-params'
import type { FlowSnapshot } from '../flow-snapshot'
import {
  agingView,
  cumulativeFlowView,
  dailyFlowView,
  dataQualityView,
  flowTimesView,
  timeInStateView,
} from '../views/flow-views'
import { howManyView, whenView } from '../views/forecast-views'
import { itemJourneyView, type StoredItemFindings } from '../views/item-journey-view'
import { itemSetForecast } from '../views/item-set'
import { instantText } from '../views/view-context'
import { findItemIndex, getItemIndex } from '../views/item-lookup'
import { redactJourney } from '../views/journey-redaction'
import type { ReadableStreams } from '../auth/stream-access'
import { assertReadableNames, isReadableName, readableItemMarks } from '../auth/stream-access'
import type { ItemSearchQuery } from '../views/item-search-view'
import { searchItemsView } from '../views/item-search-view'
import type { JourneyGraph } from '../views/journey-graph'
import { compileCandidate, mappingPreviewView } from '../views/mapping-preview-view'
import { littlesLawView, metricsReportView } from '../views/metrics-views'
import type { ModelLists } from '../views/model-views'
import { teamsView, valueStreamsView } from '../views/model-views'
import type { DependencyGrouping } from '../views/dependency-groups'
import type { ResolvedLinks } from '../views/dependencies-view'
import { dependenciesView } from '../views/dependencies-view'
import { portfolioView } from '../views/portfolio-view'
import { timeInStateItemsView } from '../views/time-in-state-items-view'
import type { ViewContext } from '../views/view-context'
import { createViewContext } from '../views/view-context'

type Page = { limit: number; offset: number }

/** The analysis views by route name: a view context and the route's own query fields. */
const ANALYSIS_VIEWS = {
  metrics: (ctx: ViewContext) => metricsReportView(ctx.input, ctx.params),
  'littles-law': (ctx: ViewContext) => littlesLawView(ctx.input, ctx.params),
  cfd: cumulativeFlowView,
  'time-in-state': timeInStateView,
  'time-in-state-items': (ctx: ViewContext, q: { status: string; source: string } & Page) =>
    timeInStateItemsView(ctx, q),
  aging: agingView,
  'flow-times': flowTimesView,
  daily: dailyFlowView,
  'data-quality': dataQualityView,
  'forecast-when': (ctx: ViewContext, q: { items: number }) =>
    requireForecast(whenView(ctx, q.items)),
  'forecast-how-many': (ctx: ViewContext, q: { date: CalendarDate }) =>
    requireForecast(howManyView(ctx, q.date)),
}

/**
 * The API refuses a forecast the history cannot support with 422 INSUFFICIENT_DATA (the reason,
 * the sample size and what is required), as it refuses an item or a set; `vmo report` keeps the
 * refusal inside its JSON instead, next to the parts that could be computed.
 */
function requireForecast<R extends { forecast: { kind: string } }>(result: R): R {
  const { forecast } = result
  if (forecast.kind === 'insufficient_data') {
    const { reason, sampleSize, required } = forecast as unknown as {
      reason: string
      sampleSize: number
      required: number
    }
    throw new VmoError('INSUFFICIENT_DATA', `cannot forecast: ${reason}`, {
      details: { sampleSize, required },
    })
  }
  return result
}

/** The name of an analysis view. */
export type AnalysisViewName = keyof typeof ANALYSIS_VIEWS

/** The query fields an analysis view reads besides the common ones. */
export type AnalysisViewQuery<N extends AnalysisViewName> =
  Parameters<(typeof ANALYSIS_VIEWS)[N]> extends [ViewContext, infer Q] ? Q : object

/** Whether `name` is an analysis view. */
export function isAnalysisView(name: string): name is AnalysisViewName {
  return Object.hasOwn(ANALYSIS_VIEWS, name)
}

function analysis(
  snapshot: FlowSnapshot,
  args: { name: AnalysisViewName; params: AnalysisParams; query: Record<string, unknown> },
): unknown {
  const ctx = createViewContext(snapshot.input(args.params.asOfMs), args.params)
  const view = ANALYSIS_VIEWS[args.name] as (ctx: ViewContext, query: unknown) => unknown
  return view(ctx, args.query)
}

/**
 * Every computation the API runs on a snapshot, by name, with structured-clone-safe arguments,
 * so that the same code answers in the request's thread (tests) and in a worker thread.
 */
const COMPUTE_VIEWS = {
  analysis,
  portfolio: (snapshot: FlowSnapshot, args: { params: AnalysisParams }) =>
    portfolioView(snapshot, args.params),
  search: (
    snapshot: FlowSnapshot,
    args: { query: ItemSearchQuery; asOfMs?: number; readable?: ReadableStreams },
  ) => {
    const { query, asOfMs, readable = null } = args
    assertReadableNames(readable, query.stream ?? [])
    // Stream and type filters need the mapping (snapshot.input throws its error when unusable).
    const needsMapping = Boolean(query.stream?.length || query.type?.length)
    const usable = asOfMs !== undefined && (snapshot.mapping.compiled || needsMapping)
    const input = usable ? snapshot.input(asOfMs) : undefined
    const count = snapshot.dataset.itemCount
    const visible = readableItemMarks(snapshot.mapping.compiled, readable, count)
    return searchItemsView(snapshot.dataset, query, { input, visible })
  },
  journey: (
    snapshot: FlowSnapshot,
    args: {
      source: string
      key: string
      asOfMs: number
      graph: JourneyGraph
      delivery: [number, number[]][]
      findings: StoredItemFindings
      readable?: ReadableStreams
    },
  ) => {
    const journey = itemJourneyView(snapshot, {
      item: getItemIndex(snapshot.dataset, args.source, args.key),
      asOfMs: args.asOfMs,
      graph: args.graph,
      delivery: new Map(args.delivery),
      findings: args.findings,
      readable: args.readable ?? null,
    })
    const { dataset } = snapshot
    const visible = readableItemMarks(
      snapshot.mapping.compiled,
      args.readable ?? null,
      dataset.itemCount,
    )
    if (!visible) return journey
    return redactJourney(journey, (source, key) => {
      const j = findItemIndex(dataset, source, key)
      return j >= 0 && visible[j] !== 1
    })
  },
  'item-set': (
    snapshot: FlowSnapshot,
    args: { items: number[]; delivery: [number, number[]][]; asOfMs: number },
  ) => ({
    asOf: instantText(args.asOfMs),
    ...itemSetForecast(snapshot.input(args.asOfMs), {
      items: args.items,
      delivery: new Map(args.delivery),
    }),
  }),
  'value-streams': (
    snapshot: FlowSnapshot,
    args: { model: ModelLists; asOfMs: number; readable?: ReadableStreams },
  ) => ({
    valueStreams: valueStreamsView(snapshot, args.model, args.asOfMs).filter((s) =>
      isReadableName(args.readable ?? null, s.name),
    ),
  }),
  teams: (
    snapshot: FlowSnapshot,
    args: { teams: readonly ModelEntity[]; visible?: Uint8Array | null },
  ) => ({
    items: teamsView(snapshot, args.teams, args.visible),
  }),
  dependencies: (
    snapshot: FlowSnapshot,
    args: {
      params: AnalysisParams
      by: DependencyGrouping
      links: ResolvedLinks
      readable: ReadableStreams
    },
  ) => dependenciesView(createViewContext(snapshot.input(args.params.asOfMs), args.params), args),
  'mapping-preview': (snapshot: FlowSnapshot, args: { yaml: string; params: AnalysisParams }) =>
    mappingPreviewView(snapshot, args),
  'mapping-check': (snapshot: FlowSnapshot, args: { yaml: string }) => {
    const { problems, unmapped } = compileCandidate(snapshot.dataset, args.yaml)
    return { problems, unmapped }
  },
}

type ComputeViews = typeof COMPUTE_VIEWS

/** One computation: a view's name and its arguments. */
export type ComputeTask = {
  [K in keyof ComputeViews]: { view: K; args: Parameters<ComputeViews[K]>[1] }
}[keyof ComputeViews]

/** What a computation gives back: its JSON body, or the error it ended with. */
export type ComputeResult =
  | { body: string }
  | { error: { code: VmoError['code']; message: string; details?: Record<string, unknown> } }

/**
 * Runs `task` on `snapshot` and serialises the answer (rounded like `vmo metrics --json`, so the
 * API and the CLI show the same numbers). A {@link VmoError} becomes an error result; anything
 * else is an INTERNAL error result (logged here, with its stack, never sent).
 */
export function runComputeTask(snapshot: FlowSnapshot, task: ComputeTask): ComputeResult {
  try {
    const view = COMPUTE_VIEWS[task.view] as (s: FlowSnapshot, args: unknown) => unknown
    return { body: JSON.stringify(roundFigures(view(snapshot, task.args))) }
  } catch (error) {
    if (error instanceof VmoError) {
      const details = error.details ? { ...error.details } : undefined
      return { error: { code: error.code, message: error.message, details } }
    }
    console.error(`openvmo api: computing ${task.view} failed`, error)
    return { error: { code: 'INTERNAL', message: 'internal error' } }
  }
}

/** The body of a result, or its error thrown as a {@link VmoError}. */
export function bodyOf(result: ComputeResult): string {
  if ('body' in result) return result.body
  const { code, message, details } = result.error
  throw new VmoError(code, message, details ? { details } : {})
}
