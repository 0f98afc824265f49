import type { CompiledMapping } from '@openvmo/core'
import { VmoError } from '@openvmo/core'
import type { Scope } from '../engine'
import type { FlowSnapshot } from '../flow-snapshot'
import type { Principal } from './principal'

/**
 * The value streams a principal may read, by their spelling in the mapping; null when it may
 * read everything (admins, single-user mode, `--no-auth`, an admin's editor token), items in no
 * value stream included. Everyone else reads the streams granted to them, and never an item that
 * is in no stream (unmapped work is for admins).
 */
export type ReadableStreams = readonly string[] | null

/** The streams of `streams` (the mapping's names) that `principal` may read; null: all. */
export function readableStreams(principal: Principal, streams: readonly string[]): ReadableStreams {
  if (principal.admin || principal.grants === 'all') return null
  const granted = new Set([...principal.grants.keys()].map((name) => name.toLowerCase()))
  return streams.filter((name) => granted.has(name.toLowerCase()))
}

/** The names of the value streams of a snapshot's mapping (none when it cannot be used). */
export function mappedStreamNames(snapshot: FlowSnapshot): string[] {
  return snapshot.mapping.config?.valueStreams.map((s) => s.name) ?? []
}

/** The streams `principal` may read in `snapshot`; null: all. */
export function readableIn(principal: Principal, snapshot: FlowSnapshot): ReadableStreams {
  return readableStreams(principal, mappedStreamNames(snapshot))
}

/**
 * The NOT_FOUND of a value stream that is not in the mapping, as a restricted principal sees it:
 * a stream it may not read gets the same answer as one that does not exist, listing only the
 * streams it may read.
 */
export function unknownStreamError(name: string, readable: readonly string[]): VmoError {
  const known = readable.map((s) => `"${s}"`).join(', ') || 'none configured'
  return new VmoError('NOT_FOUND', `value stream "${name}" is not in the mapping (known: ${known})`)
}

/** Whether `name` is one of `readable` (case-insensitive, as stream names match everywhere). */
export function isReadableName(readable: ReadableStreams, name: string): boolean {
  return readable === null || readable.some((s) => s.toLowerCase() === name.toLowerCase())
}

/** NOT_FOUND (as for a stream that does not exist) unless every name is readable. */
export function assertReadableNames(readable: ReadableStreams, names: readonly string[]): void {
  if (readable === null) return
  const bad = names.find((name) => !isReadableName(readable, name))
  if (bad !== undefined) throw unknownStreamError(bad, readable)
}

/**
 * A scope narrowed to what can be read: the streams it names must be readable (NOT_FOUND as for
 * an unknown stream otherwise); a scope of every stream becomes the readable streams (possibly
 * none: then it selects nothing).
 */
export function readableScope(scope: Scope, readable: ReadableStreams): Scope {
  if (readable === null) return scope
  const named = [scope.valueStream, ...(scope.valueStreams ?? [])].filter((name): name is string =>
    Boolean(name),
  )
  assertReadableNames(readable, named)
  return named.length ? scope : { ...scope, valueStreams: [...readable] }
}

/**
 * NOT_FOUND, as for a team no item has had, for a team seen only on items of streams the
 * principal may not read; the message lists the teams of the items it may read.
 */
export function assertReadableTeams(
  snapshot: FlowSnapshot,
  readable: ReadableStreams,
  teams: readonly string[],
): void {
  if (readable === null || teams.length === 0) return
  const { dataset } = snapshot
  const visible = readableItemMarks(snapshot.mapping.compiled, readable, dataset.itemCount)
  const known = new Set<string>()
  for (const [i, team] of dataset.itemTeam.entries()) {
    if (team >= 0 && visible?.[i] === 1) known.add(dataset.teams.valueOf(team))
  }
  const lower = new Set([...known].map((name) => name.toLowerCase()))
  const unknown = teams.find((name) => !lower.has(name.toLowerCase()))
  if (unknown === undefined) return
  const listed = [...known].sort((a, b) => a.localeCompare(b)).map((name) => `"${name}"`)
  throw new VmoError(
    'NOT_FOUND',
    `unknown team "${unknown}" (known: ${listed.join(', ') || 'none: no item has a team'})`,
  )
}

// Marks per compiled mapping and set of readable streams (built once, then only read).
const marksOf = new WeakMap<CompiledMapping, Map<string, Uint8Array>>()

/**
 * A mark per item: 1 when it is in a readable stream; null when every item is readable. Shared
 * between requests of one mapping: read it, never write it.
 */
export function readableItemMarks(
  mapping: CompiledMapping | undefined,
  readable: ReadableStreams,
  itemCount: number,
): Uint8Array | null {
  if (readable === null) return null
  const key = readable.map((name) => name.toLowerCase()).join('\n')
  const cached = mapping ? marksOf.get(mapping)?.get(key) : undefined
  if (cached && cached.length === itemCount) return cached
  const marks = new Uint8Array(itemCount)
  for (const stream of mapping?.valueStreams ?? []) {
    if (!isReadableName(readable, stream.name)) continue
    for (const i of stream.items) marks[i] = 1
  }
  if (mapping) {
    const byKey = marksOf.get(mapping) ?? new Map<string, Uint8Array>()
    // a handful of grant sets per mapping in practice; bounded all the same
    if (byKey.size >= 64) byKey.clear()
    byKey.set(key, marks)
    marksOf.set(mapping, byKey)
  }
  return marks
}
