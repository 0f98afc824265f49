import {
  Document,
  LineCounter,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type YAMLError,
} from 'yaml'
import type * as z from 'zod'
import type { MappingConfig, MappingRule } from './mapping-config'
import { mappingSchema } from './mapping-schema'
import {
  describeIssue,
  invalidConfig,
  locateIssue,
  quotedValue,
  type MappingProblem,
} from './mapping-issues'
import { assertNoDuplicates } from './mapping-duplicates'
import { locateOffset, type YamlSource } from './yaml-location'

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}

function syntaxProblem(source: YamlSource, fileName: string, error: YAMLError): MappingProblem {
  const { line, column } = locateOffset(source, error.pos[0])
  const lines = source.text.split(/\r?\n/).slice(0, line)
  const value = quotedValue((lines.reverse().find((text) => text.trim() !== '') ?? '').trim())
  const reason = lowerFirst(error.message.split('\n')[0] ?? '').replace(/[.:]\s*$/, '')
  const message = `${fileName}:${line}:${column}: yaml syntax error near ${JSON.stringify(value)}: ${reason}`
  return { line, column, value, path: '', message }
}

/** At most this many alias expansions (`*name`) in a mapping file: a guard against alias bombs. */
export const MAX_YAML_ALIASES = 100

/** The document as plain values; INVALID_CONFIG when its aliases expand beyond the limit. */
function toPlain(source: YamlSource, fileName: string): unknown {
  try {
    return source.doc.toJS({ maxAliasCount: MAX_YAML_ALIASES })
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error
    const message = `${fileName}:1:1: the file's aliases expand to too much data (at most ${MAX_YAML_ALIASES} alias uses): write the values out`
    throw invalidConfig(fileName, [{ line: 1, column: 1, value: '', path: '', message }])
  }
}

/**
 * Parses and validates the text of `openvmo.yaml` (docs/configuration.md) into a {@link MappingConfig}.
 * Keys the mapping does not own are allowed and ignored. Throws INVALID_CONFIG for a YAML syntax
 * error, a value the schema refuses (unknown key inside an owned key, bad flow state, invalid time
 * zone, …) or a duplicated name (a tool state mapped twice, naming both lines); every message
 * starts `file:line:column:` and quotes the offending value, and `details` holds
 * `{ file, line, column, value, path, problems }` (all problems found, not only the first).
 */
export function parseMappingYaml(text: string, fileName: string): MappingConfig {
  const { data, source } = parseYamlAgainst(text, fileName, mappingSchema)
  assertNoDuplicates(source, fileName, data)
  return data
}

/**
 * Parses YAML `text` and validates it against `schema`, the way {@link parseMappingYaml} does:
 * INVALID_CONFIG for a syntax error, an alias bomb or a value the schema refuses, every problem
 * located (`file:line:column:`) in `text`.
 */
export function parseYamlAgainst<T>(
  text: string,
  fileName: string,
  schema: z.ZodType<T>,
): { data: T; source: YamlSource } {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  const source: YamlSource = { text, doc, lineCounter }
  if (doc.errors.length > 0) {
    throw invalidConfig(
      fileName,
      doc.errors.map((error) => syntaxProblem(source, fileName, error)),
    )
  }
  const result = schema.safeParse(toPlain(source, fileName), { error: describeIssue })
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) => locateIssue(source, fileName, issue))
    throw invalidConfig(fileName, problems)
  }
  return { data: result.data, source }
}

/** A rule as written: its `findings` go back under `when.finding`. */
function ruleEntry(rule: MappingRule): Record<string, unknown> {
  const { findings, when, ...rest } = rule
  if (findings === undefined) return { when, ...rest }
  return { when: { ...when, finding: findings.length === 1 ? findings[0] : findings }, ...rest }
}

/** The owned top-level keys in file order, with the values to write (undefined: left out). */
function fileEntries(config: MappingConfig): [string, unknown][] {
  const defaults = {
    ...(config.defaultState === undefined ? {} : { state: config.defaultState }),
    ...(config.defaultFlowItem === undefined ? {} : { flowItem: config.defaultFlowItem }),
  }
  return [
    ['timezone', config.timezone],
    ['flowItems', config.flowItems],
    ['states', config.states],
    ['default', Object.keys(defaults).length > 0 ? defaults : undefined],
    ['rules', config.rules.length > 0 ? config.rules.map(ruleEntry) : undefined],
    ['valueStreams', config.valueStreams.length > 0 ? config.valueStreams : undefined],
    ['labelStates', config.labelStates],
  ]
}

function isFlat(node: unknown): boolean {
  if (isScalar(node)) return true
  if (isSeq(node)) return node.items.every(isScalar)
  return false
}

/** Lists of names and small field maps read best inline: `feature: [Story, Epic]`. */
function useFlowStyle(doc: Document, keys: ReadonlySet<string>): void {
  visit(doc, {
    Pair(_, pair, path) {
      const topKey = path.length === 2 && isScalar(pair.key) ? String(pair.key.value) : undefined
      if (topKey !== undefined && !keys.has(topKey)) return visit.SKIP
      return undefined
    },
    Seq(_, seq) {
      if (seq.items.every(isScalar)) seq.flow = true
    },
    Map(_, map, path) {
      if (path.length > 3 && map.items.every((pair) => isFlat(pair.value))) map.flow = true
    },
  })
}

/**
 * Writes a {@link MappingConfig} as `openvmo.yaml` text that {@link parseMappingYaml} reads back
 * to an equal config. With `base` (the current text of the file), only the keys the mapping owns
 * are replaced: other top-level keys (products, teams, …) and their comments are kept.
 */
export function serializeMappingYaml(
  config: MappingConfig,
  options: { base?: string } = {},
): string {
  const doc = options.base === undefined ? new Document({}) : parseDocument(options.base)
  if (!isMap(doc.contents)) doc.contents = doc.createNode({})
  const owned = new Set<string>()
  for (const [key, value] of fileEntries(config)) {
    owned.add(key)
    if (value === undefined) doc.delete(key)
    else doc.set(key, doc.createNode(value))
  }
  useFlowStyle(doc, owned)
  return doc.toString({ lineWidth: 100, flowCollectionPadding: false })
}
