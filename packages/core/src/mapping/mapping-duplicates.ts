import { isSeq } from 'yaml'
import type { MappingConfig } from './mapping-config'
import { invalidConfig } from './mapping-issues'
import {
  findNode,
  formatYamlPath,
  locateKey,
  locatePath,
  type YamlLocation,
  type YamlPath,
  type YamlSource,
} from './yaml-location'

/** A name as written, where it is, and the list it belongs to (for the message). */
interface NamedEntry {
  name: string
  owner: YamlPath
  location: YamlLocation
}

/** A list entry's path: the entry itself, or the owner when one name was written without a list. */
function entryLocation(source: YamlSource, owner: YamlPath, index: number): YamlLocation {
  return locatePath(source, isSeq(findNode(source, owner)) ? [...owner, index] : owner)
}

function listEntries(
  source: YamlSource,
  root: string,
  lists: Readonly<Record<string, readonly string[] | undefined>>,
): NamedEntry[] {
  return Object.entries(lists).flatMap(([key, names]) =>
    (names ?? []).map((name, index) => ({
      name,
      owner: [root, key],
      location: entryLocation(source, [root, key], index),
    })),
  )
}

function ruleStateEntries(source: YamlSource, config: MappingConfig): NamedEntry[][] {
  return config.rules.map((rule, index) =>
    Object.keys(rule.states ?? {}).map((name) => ({
      name,
      owner: ['rules', index, 'states'],
      location: locateKey(source, ['rules', index, 'states'], name),
    })),
  )
}

function streamNameEntries(source: YamlSource, config: MappingConfig): NamedEntry[] {
  return config.valueStreams.map((stream, index) => ({
    name: stream.name,
    owner: ['valueStreams'],
    location: locatePath(source, ['valueStreams', index, 'name']),
  }))
}

function byPosition(a: NamedEntry, b: NamedEntry): number {
  return a.location.line - b.location.line || a.location.column - b.location.column
}

function findDuplicate(entries: NamedEntry[]): [NamedEntry, NamedEntry] | undefined {
  const seen = new Map<string, NamedEntry>()
  for (const entry of [...entries].sort(byPosition)) {
    const key = entry.name.trim().toLowerCase()
    const first = seen.get(key)
    if (first) return [first, entry]
    seen.set(key, entry)
  }
  return undefined
}

function duplicateError(fileName: string, [first, second]: [NamedEntry, NamedEntry]) {
  const { line, column } = second.location
  const at = `${first.location.line}:${first.location.column}`
  const already =
    formatYamlPath(first.owner) === formatYamlPath(second.owner)
      ? `is listed twice under ${formatYamlPath(second.owner)} (first at line ${at})`
      : `under ${formatYamlPath(second.owner)} is already listed under ${formatYamlPath(first.owner)} at line ${at}`
  const message = `${fileName}:${line}:${column}: ${JSON.stringify(second.name)} ${already}`
  const problem = { ...second.location, path: formatYamlPath(second.owner), message }
  return invalidConfig(fileName, [problem], {
    first: { ...first.location, path: formatYamlPath(first.owner) },
  })
}

/**
 * Throws INVALID_CONFIG when a name is listed twice (compared case-insensitively, qualified names
 * as written): a tool state under two flow states (or twice under one), an artifact type under two
 * flow item mappings, a tool state twice in one rule's `states`, or two value streams with one
 * name. The message names both places, the later one first.
 */
export function assertNoDuplicates(
  source: YamlSource,
  fileName: string,
  config: MappingConfig,
): void {
  const groups = [
    listEntries(source, 'states', config.states),
    listEntries(source, 'flowItems', config.flowItems),
    ...ruleStateEntries(source, config),
    streamNameEntries(source, config),
  ]
  for (const group of groups) {
    const duplicate = findDuplicate(group)
    if (duplicate) throw duplicateError(fileName, duplicate)
  }
}
