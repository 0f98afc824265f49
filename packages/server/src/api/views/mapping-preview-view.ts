import type { CompiledMapping, FlowDataset, MappingConfig } from '@openvmo/core'
import {
  QUALITY_FLAG_TEXT,
  QUALITY_FLAGS,
  VmoError,
  compileMapping,
  computeDataQuality,
  parseMappingYaml,
  selectItems,
  type QualityFlag,
} from '@openvmo/core'
import type { FlowInput, PeriodMetrics, TimelineDeriver } from '../engine'
import { computeFlowMetricsReport, createTimelineDeriver } from '../engine'
import { LruCache } from '../lru-cache'
import type { AnalysisParams } from '../analysis-params'
import { MAPPING_FILE_NAME } from '../flow-snapshot'
import type { FlowSnapshot } from '../flow-snapshot'
import type {
  MappingPreviewResponse,
  MappingProblemResponse,
  UnmappedValueResponse,
} from '../schemas/mapping-schemas'

/** The stream name of the all-items row of a preview. */
export const ALL_ITEMS = '(all items)'

interface Candidate {
  config?: MappingConfig
  compiled?: CompiledMapping
  problems: MappingProblemResponse[]
  unmapped: { states: UnmappedValueResponse[]; types: UnmappedValueResponse[] }
}

/** The located problems of an INVALID_CONFIG error (one unlocated problem when it lists none). */
export function problemsOf(error: VmoError): MappingProblemResponse[] {
  const listed = error.details?.problems
  if (Array.isArray(listed)) return listed as MappingProblemResponse[]
  return [{ line: 0, column: 0, value: '', path: '', message: error.message }]
}

/** Parses and compiles a proposed mapping; problems and unmapped values are returned, not thrown. */
export function compileCandidate(dataset: FlowDataset, yaml: string): Candidate {
  const none = { states: [], types: [] }
  let config: MappingConfig
  try {
    config = parseMappingYaml(yaml, MAPPING_FILE_NAME)
  } catch (error) {
    if (error instanceof VmoError) return { problems: problemsOf(error), unmapped: none }
    throw error
  }
  try {
    return { config, compiled: compileMapping(config, dataset), problems: [], unmapped: none }
  } catch (error) {
    if (!(error instanceof VmoError) || error.code !== 'UNMAPPED_VALUES') throw error
    const details = error.details as Candidate['unmapped'] | undefined
    return { config, problems: [], unmapped: details ?? none }
  }
}

// Proposed mappings compiled per dataset, by text: the workbench previews an edit again when the
// range changes. Two per dataset: each holds its final timelines (about 60 MB at 1M items).
const candidates = new WeakMap<FlowDataset, LruCache<string, KeptCandidate>>()

interface KeptCandidate extends Candidate {
  deriver?: TimelineDeriver
  /** The dataset it was compiled against (another one when the draft changes `labelStates`). */
  dataset?: FlowDataset
}

/** The proposed text compiled: the snapshot's own mapping when it is the stored text. */
function candidateOf(snapshot: FlowSnapshot, yaml: string, draft?: FlowDataset): KeptCandidate {
  const { config, compiled } = snapshot.mapping
  if (draft) return keptCandidate(draft, yaml)
  if (!compiled || yaml !== snapshot.mapping.yaml) return keptCandidate(snapshot.dataset, yaml)
  // The snapshot leaves items of unmapped values out; a preview, like a save, lists those values.
  const { states, types } = compiled.unmapped
  if (states.length + types.length > 0) {
    return { config, problems: [], unmapped: { states: [...states], types: [...types] } }
  }
  return { config, compiled, problems: [], unmapped: { states: [], types: [] } }
}

function keptCandidate(dataset: FlowDataset, yaml: string): KeptCandidate {
  let kept = candidates.get(dataset)
  if (!kept) {
    kept = new LruCache(2)
    candidates.set(dataset, kept)
  }
  let candidate = kept.get(yaml)
  if (!candidate) {
    candidate = { ...compileCandidate(dataset, yaml), dataset }
    kept.set(yaml, candidate)
  }
  return candidate
}

/** The engine input of the proposed mapping (not the stored one) as of `asOfMs`. */
function proposedInput(
  snapshot: FlowSnapshot,
  candidate: KeptCandidate,
  asOfMs: number,
): FlowInput | undefined {
  if (!candidate.compiled) return undefined
  const dataset = candidate.dataset ?? snapshot.dataset
  candidate.deriver ??= createTimelineDeriver(dataset, candidate.compiled)
  const timelines = candidate.deriver.derive(asOfMs)
  return { dataset, mapping: candidate.compiled, timelines }
}

function totalOf(input: FlowInput | undefined, params: AnalysisParams, stream: string) {
  if (!input) return null
  const known = stream === ALL_ITEMS || input.mapping.valueStreams.some((s) => s.name === stream)
  if (!known) return null
  const scope = stream === ALL_ITEMS ? {} : { valueStream: stream }
  const report = computeFlowMetricsReport(input, { ...params, scope, timezone: params.zone })
  return report.total as PeriodMetrics
}

/** Item count per finding over every mapped item of `input` (none listed). */
function findingCounts(input: FlowInput | undefined): Map<string, number> | undefined {
  if (!input) return undefined
  const report = computeDataQuality(input, selectItems(input.dataset, input.mapping), 0)
  return new Map(report.findings.map((f) => [f.flag, f.items]))
}

/** Each finding either mapping has, in declaration order, with its count before and after. */
function findingDeltas(before: FlowInput | undefined, after: FlowInput | undefined) {
  const was = findingCounts(before)
  const will = after === before ? was : findingCounts(after)
  return (Object.keys(QUALITY_FLAGS) as QualityFlag[])
    .filter((flag) => was?.has(flag) || will?.has(flag))
    .map((flag) => ({
      flag,
      rule: QUALITY_FLAG_TEXT[flag],
      before: was ? (was.get(flag) ?? 0) : null,
      after: will ? (will.get(flag) ?? 0) : null,
    }))
}

/**
 * `POST /mapping/preview`: validation problems with their lines, the values the proposed mapping
 * leaves unmapped with item counts, and for every stream (of either mapping, plus all items) the
 * metrics over the range under the current and the proposed mapping, and each data-quality
 * finding's item count under both. A draft whose `labelStates` differ from the stored mapping's
 * is compiled against `draftDataset` (the store's records with those label states).
 */
export function mappingPreviewView(
  snapshot: FlowSnapshot,
  options: { yaml: string; params: AnalysisParams; draftDataset?: FlowDataset },
): MappingPreviewResponse {
  const { params } = options
  const candidate = candidateOf(snapshot, options.yaml, options.draftDataset)
  const before = snapshot.mapping.compiled ? snapshot.input(params.asOfMs) : undefined
  // The stored text previewed compiles to the stored mapping: the same input.
  const stored = candidate.compiled !== undefined && candidate.compiled === before?.mapping
  const after = stored ? before : proposedInput(snapshot, candidate, params.asOfMs)
  const names = new Set([
    ALL_ITEMS,
    ...(before?.mapping.valueStreams.map((s) => s.name) ?? []),
    ...(after?.mapping.valueStreams.map((s) => s.name) ?? []),
  ])
  return {
    valid: candidate.compiled !== undefined,
    problems: candidate.problems,
    unmapped: candidate.unmapped,
    from: params.from,
    to: params.to,
    streams: [...names].map((stream) => {
      const total = totalOf(before, params, stream)
      // The stored mapping previewed: the same input, so the same figures (computed once).
      return {
        stream,
        before: total,
        after: after === before ? total : totalOf(after, params, stream),
      }
    }),
    findings: findingDeltas(before, after),
  }
}
