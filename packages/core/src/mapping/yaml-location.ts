import { isCollection, isMap, isScalar, type Document, type LineCounter, type Node } from 'yaml'

/** A path into a YAML document: mapping keys and sequence indexes, as zod reports them. */
export type YamlPath = readonly PropertyKey[]

/** Where a value sits in a YAML file (1-based line and column) and its text as written. */
export interface YamlLocation {
  line: number
  column: number
  /** The scalar's value, or the collection's source text (shortened). */
  value: string
}

/** A parsed YAML file with the line index needed to report positions. */
export interface YamlSource {
  text: string
  doc: Document
  lineCounter: LineCounter
}

const MAX_VALUE_LENGTH = 60

/** Position of a character offset. */
export function locateOffset(source: YamlSource, offset: number): { line: number; column: number } {
  const { line, col } = source.lineCounter.linePos(offset)
  return { line, column: col }
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > MAX_VALUE_LENGTH ? `${flat.slice(0, MAX_VALUE_LENGTH - 1)}…` : flat
}

function nodeText(source: YamlSource, node: Node): string {
  if (isScalar(node)) return String(node.value)
  const range = node.range
  return range ? shorten(source.text.slice(range[0], range[1])) : ''
}

/** The key node of `key` in the mapping at `path`, when there is one. */
export function findKeyNode(
  source: YamlSource,
  path: YamlPath,
  key: PropertyKey,
): Node | undefined {
  const parent = findNode(source, path)
  if (!isMap(parent)) return undefined
  const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === key)
  return pair && isScalar(pair.key) ? pair.key : undefined
}

/** The node at `path`, or undefined when the path does not exist in the document. */
export function findNode(source: YamlSource, path: YamlPath): Node | undefined {
  if (path.length === 0) return source.doc.contents ?? undefined
  const node: unknown = source.doc.getIn(path as unknown[], true)
  return isScalar(node) || isCollection(node) ? node : undefined
}

/**
 * The location of the value at `path`; when the path does not exist (a missing key), the location
 * of its nearest existing ancestor. An empty document is at 1:1.
 */
export function locatePath(source: YamlSource, path: YamlPath): YamlLocation {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = findNode(source, path.slice(0, depth))
    if (node?.range) {
      return { ...locateOffset(source, node.range[0]), value: nodeText(source, node) }
    }
  }
  return { line: 1, column: 1, value: '' }
}

/** The location of the key `key` of the mapping at `path` (for unknown or duplicated keys). */
export function locateKey(source: YamlSource, path: YamlPath, key: PropertyKey): YamlLocation {
  const node = findKeyNode(source, path, key)
  if (!node?.range) return { ...locatePath(source, path), value: String(key) }
  return { ...locateOffset(source, node.range[0]), value: String(key) }
}

/**
 * A path as written in messages: `rules[0].states.Review`, with brackets and quotes for keys that
 * are not plain words (`states["In Review"]`). The empty path is `the top level`.
 */
export function formatYamlPath(path: YamlPath): string {
  if (path.length === 0) return 'the top level'
  return path
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`
      const text = String(key)
      if (/^[A-Za-z_][\w-]*$/.test(text)) return index === 0 ? text : `.${text}`
      return `[${JSON.stringify(text)}]`
    })
    .join('')
}
