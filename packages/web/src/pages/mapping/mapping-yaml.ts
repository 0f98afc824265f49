import { FLOW_ITEM_MAPPINGS, FLOW_STATES } from '@openvmo/core'
import type { FlowItemMapping, FlowState } from '@openvmo/core'

/** Value name (as written in the mapping) → the category it is assigned to. */
export type Assignments<C extends string> = ReadonlyMap<string, C>

function namesOf(value: unknown): string[] {
  if (value === null || value === undefined) return []
  if (Array.isArray(value)) return value.map(String)
  return [String(value)]
}

function readSection<C extends string>(section: unknown, categories: readonly C[]): Map<string, C> {
  const out = new Map<string, C>()
  if (typeof section !== 'object' || section === null) return out
  const record = section as Record<string, unknown>
  for (const category of categories) {
    for (const name of namesOf(record[category])) out.set(name, category)
  }
  return out
}

/** The type and state assignments of a parsed mapping (docs/configuration.md); missing sections are empty. */
export function readAssignments(parsed: Record<string, unknown> | null): {
  types: Map<string, FlowItemMapping>
  states: Map<string, FlowState>
} {
  return {
    types: readSection(parsed?.flowItems, FLOW_ITEM_MAPPINGS),
    states: readSection(parsed?.states, FLOW_STATES),
  }
}

const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i

/** A YAML scalar for a value name: plain when safe, else double-quoted (JSON strings are YAML). */
export function yamlScalar(name: string): string {
  const plain = /^[A-Za-z0-9][A-Za-z0-9 _./()'-]*$/.test(name) && !/\s$/.test(name)
  return plain && !RESERVED.test(name) && !/^[\d.]+$/.test(name) ? name : JSON.stringify(name)
}

/** A top-level YAML block `key:` with one flow sequence per category, in vocabulary order. */
export function emitSection<C extends string>(
  key: string,
  categories: readonly C[],
  assignments: Assignments<C>,
): string[] {
  const lines = [`${key}:`]
  for (const category of categories) {
    const names = [...assignments.entries()].filter(([, c]) => c === category).map(([n]) => n)
    if (names.length > 0) lines.push(`  ${category}: [${names.map(yamlScalar).join(', ')}]`)
  }
  return lines.length === 1 ? [`${key}: {}`] : lines
}

/**
 * Replaces the top-level block `key:` of a YAML text with `block` (or appends it), leaving the
 * rest of the file (other keys, their comments and layout) as written. The block runs from its
 * key to the last non-blank line before the next top-level key or column-0 comment.
 */
export function replaceTopLevelBlock(text: string, key: string, block: readonly string[]): string {
  const lines = text.split('\n')
  const start = lines.findIndex((line) => new RegExp(`^${key}\\s*:`).test(line))
  if (start < 0) {
    const body = text.replace(/\n*$/, '')
    return `${body ? `${body}\n` : ''}${block.join('\n')}\n`
  }
  let end = start + 1
  while (end < lines.length && !/^[^\s]/.test(lines[end] ?? '')) end++
  while (end > start + 1 && (lines[end - 1] ?? '').trim() === '') end--
  return [...lines.slice(0, start), ...block, ...lines.slice(end)].join('\n')
}

/** The mapping text with its `flowItems` and `states` sections rewritten from the assignments. */
export function writeAssignments(
  text: string,
  types: Assignments<FlowItemMapping>,
  states: Assignments<FlowState>,
): string {
  const withTypes = replaceTopLevelBlock(
    text,
    'flowItems',
    emitSection('flowItems', FLOW_ITEM_MAPPINGS, types),
  )
  return replaceTopLevelBlock(withTypes, 'states', emitSection('states', FLOW_STATES, states))
}
