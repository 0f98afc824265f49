import type { Context, MiddlewareHandler } from 'hono'
import { VmoError, roundFigures } from '@openvmo/core'
import type { FlowSnapshot } from './flow-snapshot'
import type { Store } from '../store/store'
import type { FlowService } from './flow-service'
import type { AnalysisParams } from './analysis-params'
import { assertLocalRequest } from './loopback'
import { principalOf } from './auth/principal'
import { compileCandidate, mappingPreviewView } from './views/mapping-preview-view'
import { modelFromMapping } from '../store/mapping-model'
import { labelStatesKey, loadMappedDataset, parsedOrUndefined } from '../store/mapped-dataset'

/** What an If-Match header (`header`) allows: any current mapping (`*`), or these versions. */
type Precondition = { header: string } & (
  { any: true } | { any: false; versions: ReadonlySet<number> }
)

const ENTITY_TAG = /^(W\/)?"([^"]*)"$/

/** Parses If-Match: `*`, or a list of entity tags of which only strong `"<n>"` ones can match. */
export function parseIfMatch(header: string | undefined): Precondition {
  if (header === undefined || header.trim() === '') {
    throw new VmoError(
      'PRECONDITION_REQUIRED',
      'saving the mapping needs an If-Match header: send the ETag of GET /api/v1/mapping (e.g. If-Match: "3"; "0" while none is saved)',
    )
  }
  if (header.trim() === '*') return { header, any: true }
  const versions = new Set<number>()
  for (const tag of header.split(',')) {
    const match = ENTITY_TAG.exec(tag.trim())
    if (!match) {
      throw new VmoError(
        'INVALID_INPUT',
        `If-Match "${header}" is neither * nor a list of quoted ETags such as "3"`,
      )
    }
    const [, weak, opaque = ''] = match
    if (!weak && /^\d{1,15}$/.test(opaque)) versions.add(Number(opaque))
  }
  return { header, any: false, versions }
}

/** The version the save must find current (undefined: any), or CONFLICT when none matches. */
export function expectedVersion(precondition: Precondition, current: number): number | undefined {
  if (precondition.any) {
    if (current > 0) return undefined
    throw new VmoError(
      'CONFLICT',
      'no mapping is saved yet, so If-Match: * matches none: send If-Match: "0" to save the first one',
    )
  }
  if (precondition.versions.has(current)) return current
  throw new VmoError(
    'CONFLICT',
    `If-Match ${precondition.header} does not match the mapping's current version "${current}": reload it and apply the change again`,
    { details: { currentVersion: current } },
  )
}

/** Answers with a strong ETag `"<version>"` (304 when If-None-Match names it). */
export function sendVersion(c: Context, version: number, value: unknown): never {
  const etag = `"${version}"`
  const match = c.req
    .header('If-None-Match')
    ?.split(',')
    .some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag)
  if (match) return c.body(null, 304, { ETag: etag }) as never
  return c.body(JSON.stringify(value), 200, {
    'Content-Type': 'application/json; charset=utf-8',
    ETag: etag,
    'Cache-Control': 'no-cache',
  }) as never
}

/** Refuses a mapping whose text has problems or leaves stored values unmapped. */
function assertUsable(candidate: ReturnType<typeof compileCandidate>): void {
  if (candidate.problems.length > 0) {
    const first = candidate.problems[0]?.message ?? 'invalid mapping'
    throw new VmoError('INVALID_CONFIG', first, { details: { problems: candidate.problems } })
  }
  const { states, types } = candidate.unmapped
  if (states.length + types.length > 0) {
    const names = [...states, ...types].map((v) => `"${v.name}" of ${v.source}`).join(', ')
    throw new VmoError('UNMAPPED_VALUES', `unmapped values: ${names}`, {
      details: { states, types },
    })
  }
}

/**
 * The dataset of a draft whose `labelStates` differ from the snapshot's mapping (its statuses come
 * from the labels); undefined when they are the same (the snapshot's dataset is the draft's).
 */
async function labelStatesDataset(store: Store, snapshot: FlowSnapshot, yaml: string) {
  if (labelStatesKey(yaml) === labelStatesKey(snapshot.mapping.yaml)) return undefined
  return loadMappedDataset(store, parsedOrUndefined(yaml))
}

const SAVING = 'saving the mapping'

/**
 * FORBIDDEN unless `c` may save the mapping. A signed-in principal (a session or an API token)
 * may wherever it is: the access guard has checked its role and, for a session, the CSRF token.
 * Without sign-in (single-user mode, `--no-auth`), only as for adding sources: the server listens
 * on loopback and the request names a loopback host.
 */
function assertMaySave(c: Context, loopback: boolean): void {
  const { via } = principalOf(c)
  if (via === 'session' || via === 'token') return
  assertLocalRequest(c, { loopback, action: SAVING })
}

/** Whether `c` may save the mapping ({@link assertMaySave}), and why not. */
export function savingOf(
  c: Context,
  loopback: boolean,
): { allowed: boolean; reason: string | null } {
  try {
    assertMaySave(c, loopback)
    return { allowed: true, reason: null }
  } catch (error) {
    if (!(error instanceof VmoError)) throw error
    return { allowed: false, reason: error.message }
  }
}

/** Refuses a save before its body is read unless it may write (see {@link savingOf}). */
export function mayWriteMapping(loopback: boolean): MiddlewareHandler {
  return async (c, next) => {
    assertMaySave(c, loopback)
    await next()
  }
}

/** What a save or a preview needs: the store, the flow service. */
export interface MappingDeps {
  store: Store
  service: FlowService
}

/**
 * Saves `yaml` as the next mapping version when `ifMatch` allows it and the mapping is usable,
 * then recomputes; a retried save of the current text returns its version.
 */
export async function saveMappingText(
  deps: MappingDeps,
  yaml: string,
  ifMatch: string | undefined,
): Promise<{ version: number; dataVersion: string }> {
  const precondition = parseIfMatch(ifMatch)
  const current = await deps.store.findCurrentMapping()
  // A failed precondition may still succeed when the change is already made (RFC 9110
  // §13.1.1): a retried save of the current text returns its version.
  const expected =
    current?.yaml === yaml ? current.version : expectedVersion(precondition, current?.version ?? 0)
  const snapshot = await deps.service.snapshot()
  const draftDataset = await labelStatesDataset(deps.store, snapshot, yaml)
  assertUsable(compileCandidate(draftDataset ?? snapshot.dataset, yaml))
  const version = await deps.store.saveMappingVersion(yaml, {
    expectedVersion: expected,
    model: modelFromMapping(yaml),
  })
  const reloaded = await deps.service.reloadMapping()
  return { version, dataVersion: reloaded.dataVersion }
}

/** The preview of `yaml` (JSON text): problems, unmapped values, figures before and after. */
export async function previewMappingText(
  deps: MappingDeps,
  yaml: string,
  query: { params: (snapshot: FlowSnapshot) => AnalysisParams; signal: AbortSignal },
): Promise<string> {
  const snapshot = await deps.service.snapshot()
  const params = query.params(snapshot)
  const draftDataset = await labelStatesDataset(deps.store, snapshot, yaml)
  if (draftDataset) {
    // the draft's label states change the dataset: previewed here, on the draft's dataset
    return JSON.stringify(
      roundFigures(mappingPreviewView(snapshot, { yaml, params, draftDataset })),
    )
  }
  const task = { view: 'mapping-preview', args: { yaml, params } } as const
  return deps.service.compute(snapshot, task, query.signal)
}
