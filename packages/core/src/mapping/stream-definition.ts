import * as z from 'zod'
import { Document, YAMLSeq, isMap, isSeq, parseDocument, type Node } from 'yaml'
import { VmoError } from '../errors'
import { parseYamlAgainst } from './load-mapping'
import { nameSchema, strictObject, valueStreamSchema } from './mapping-schema'

/**
 * The parts of `openvmo.yaml` that belong to one value stream, and that an editor of that stream
 * may change without touching any other stream: its `valueStreams` entry (name, match,
 * distribution target) and the `teams` and `products` whose `stream` is its name. The text of a
 * stream definition is shaped like the mapping file itself (the same three keys), so whatever
 * reads the file reads it.
 */
export const STREAM_DEFINITION_KEYS = ['valueStreams', 'teams', 'products'] as const

/** The name problems of a stream definition are reported under (`stream definition:3:5: …`). */
export const STREAM_DEFINITION_FILE = 'stream definition'

type ModelKey = 'teams' | 'products'
const MODEL_KEYS: readonly ModelKey[] = ['teams', 'products']

/** A team or product as the model writes it: a name, its stream, and any other keys. */
const modelEntrySchema = z.looseObject({ name: nameSchema, stream: nameSchema.optional() })

function sameName(a: unknown, b: string): boolean {
  return typeof a === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase()
}

function entryOf(node: unknown): Record<string, unknown> | undefined {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined
  return node as Record<string, unknown>
}

function plainList(doc: Document, key: string): unknown[] {
  const value: unknown = doc.toJS()?.[key]
  return Array.isArray(value) ? value : []
}

function mappingDocument(text: string): Document {
  const doc = parseDocument(text)
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    throw new VmoError(
      'INVALID_CONFIG',
      'the current mapping cannot be read, so no stream definition can be taken from it: an admin fixes it first',
    )
  }
  return doc
}

/** The index of `stream` in the document's `valueStreams`; NOT_FOUND when it has none. */
function streamIndex(doc: Document, stream: string): number {
  const index = plainList(doc, 'valueStreams').findIndex((s) => sameName(entryOf(s)?.name, stream))
  if (index < 0) throw new VmoError('NOT_FOUND', `value stream "${stream}" is not in the mapping`)
  return index
}

function seqOf(doc: Document, key: string): YAMLSeq | undefined {
  const node = doc.get(key, true)
  return isSeq(node) ? node : undefined
}

/**
 * The definition of `stream` in the mapping text `mappingYaml`: its `valueStreams` entry and the
 * teams and products of that stream, with their comments, as YAML text. NOT_FOUND when the mapping
 * has no such stream; INVALID_CONFIG when the mapping cannot be read.
 */
export function extractStreamDefinition(mappingYaml: string, stream: string): string {
  const doc = mappingDocument(mappingYaml)
  const index = streamIndex(doc, stream)
  const out = new Document({})
  const streams = seqOf(doc, 'valueStreams')
  out.set('valueStreams', new YAMLSeq())
  ;(out.get('valueStreams', true) as YAMLSeq).items.push(streams?.items[index] as Node)
  for (const key of MODEL_KEYS) {
    const seq = seqOf(doc, key)
    const mine = (seq?.items ?? []).filter((_, i) =>
      sameName(entryOf(plainList(doc, key)[i])?.stream, stream),
    )
    if (mine.length === 0) continue
    const list = new YAMLSeq()
    list.items.push(...(mine as Node[]))
    out.set(key, list)
  }
  out.commentBefore = ` The definition of value stream "${stream}": its items (match), its distribution target,\n and its teams and products. Other streams and the state and type mapping are not here.`
  return out.toString({ lineWidth: 100, flowCollectionPadding: false })
}

/** The names of the teams or products of other streams than `stream` (lower case). */
function takenNames(doc: Document, key: ModelKey, stream: string): Set<string> {
  const taken = new Set<string>()
  for (const entry of plainList(doc, key)) {
    const e = entryOf(entry)
    if (e && !sameName(e.stream, stream) && e.name !== undefined) {
      taken.add(String(e.name).trim().toLowerCase())
    }
  }
  return taken
}

function definitionSchema(stream: string, taken: Record<ModelKey, Set<string>>) {
  return strictObject({
    valueStreams: z.array(valueStreamSchema).length(1, 'must list exactly one value stream'),
    teams: z.array(modelEntrySchema).optional(),
    products: z.array(modelEntrySchema).optional(),
  }).superRefine((definition, context) => {
    const name = definition.valueStreams[0]?.name
    if (name !== undefined && !sameName(name, stream)) {
      context.addIssue({
        code: 'custom',
        path: ['valueStreams', 0, 'name'],
        message: `is not "${stream}": renaming a value stream changes every grant on it, so an admin does it in the whole mapping`,
      })
    }
    for (const key of MODEL_KEYS) {
      for (const [i, entry] of (definition[key] ?? []).entries()) {
        if (entry.stream !== undefined && !sameName(entry.stream, stream)) {
          context.addIssue({
            code: 'custom',
            path: [key, i, 'stream'],
            message: `is not "${stream}": a stream definition holds only its own ${key}`,
          })
        }
        if (taken[key].has(entry.name.trim().toLowerCase())) {
          context.addIssue({
            code: 'custom',
            path: [key, i, 'name'],
            message: `is the name of one of another stream's ${key}`,
          })
        }
      }
    }
  })
}

/** Replaces the entries of `key` whose stream is `stream` with `entries`, where the first one was. */
function replaceModelEntries(
  doc: Document,
  of: { key: ModelKey; stream: string },
  entries: Node[],
): void {
  const { key, stream } = of
  const plain = plainList(doc, key)
  const seq = seqOf(doc, key)
  if (!seq) {
    if (entries.length === 0) return
    const list = new YAMLSeq()
    list.items.push(...entries)
    doc.set(key, list)
    return
  }
  const first = plain.findIndex((e) => sameName(entryOf(e)?.stream, stream))
  const kept = seq.items.filter((_, i) => !sameName(entryOf(plain[i])?.stream, stream))
  const at = first < 0 ? kept.length : first
  seq.items = [...kept.slice(0, at), ...entries, ...kept.slice(at)]
}

/**
 * The mapping text `mappingYaml` with the definition of `stream` replaced by `definitionYaml` (as
 * {@link extractStreamDefinition} writes it, edited): the stream's `valueStreams` entry in place,
 * its teams and products where its first one was; everything else, comments included, unchanged.
 * INVALID_CONFIG, located in `definitionYaml`, when the definition is not YAML, lists another key
 * than {@link STREAM_DEFINITION_KEYS}, renames the stream, holds a team or product of another
 * stream or one whose name another stream's team or product has. A team or product without
 * `stream` gets this one. NOT_FOUND when the mapping has no such stream.
 */
export function spliceStreamDefinition(
  mappingYaml: string,
  stream: string,
  definitionYaml: string,
): string {
  const doc = mappingDocument(mappingYaml)
  const index = streamIndex(doc, stream)
  const taken = {
    teams: takenNames(doc, 'teams', stream),
    products: takenNames(doc, 'products', stream),
  }
  const { source } = parseYamlAgainst(
    definitionYaml,
    STREAM_DEFINITION_FILE,
    definitionSchema(stream, taken),
  )
  const definition = source.doc
  const streams = seqOf(doc, 'valueStreams')
  const entry = seqOf(definition, 'valueStreams')?.items[0] as Node
  if (streams) streams.items[index] = entry
  for (const key of MODEL_KEYS) {
    const entries = (seqOf(definition, key)?.items ?? []) as Node[]
    for (const node of entries) {
      if (isMap(node) && !node.has('stream')) node.set('stream', stream)
    }
    replaceModelEntries(doc, { key, stream }, entries)
  }
  return doc.toString({ lineWidth: 100, flowCollectionPadding: false })
}
