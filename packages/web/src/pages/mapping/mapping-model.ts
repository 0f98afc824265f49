import type { FlowItemMapping, FlowState } from '@openvmo/core'
import type { MappingSuggestionResponse } from '../../api/types'
import { replaceTopLevelBlock, yamlScalar } from './mapping-yaml'

/** A field condition: field name → accepted values (all conditions of a rule must hold). */
export type Conditions = Record<string, string[]>

/** A rule of the mapping (docs/configuration.md): when the fields match, override. */
export interface RuleDraft {
  when: Conditions
  flowItem?: FlowItemMapping
  /** Tool state → flow state, for matching items. */
  states?: Record<string, FlowState>
}

/** A value stream: its name, the items it matches, and any other keys as written. */
export interface StreamDraft {
  name: string
  match: Conditions
  /** Other keys (`distributionTarget`, …), kept as read. */
  extra: Record<string, unknown>
}

function conditionsOf(value: unknown): Conditions {
  if (typeof value !== 'object' || value === null) return {}
  const out: Conditions = {}
  for (const [field, v] of Object.entries(value as Record<string, unknown>)) {
    out[field] = Array.isArray(v) ? v.map(String) : [String(v)]
  }
  return out
}

function arrayOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    : []
}

/** The rules of a parsed mapping (none when absent). */
export function readRules(parsed: Record<string, unknown> | null): RuleDraft[] {
  return arrayOf(parsed?.rules).map((rule) => ({
    when: conditionsOf(rule.when),
    ...(typeof rule.flowItem === 'string' ? { flowItem: rule.flowItem as FlowItemMapping } : {}),
    ...(typeof rule.states === 'object' && rule.states !== null
      ? { states: { ...(rule.states as Record<string, FlowState>) } }
      : {}),
  }))
}

/** The value streams of a parsed mapping (none when absent). */
export function readStreams(parsed: Record<string, unknown> | null): StreamDraft[] {
  return arrayOf(parsed?.valueStreams).map(({ name, match, ...extra }) => ({
    name: String(name),
    match: conditionsOf(match),
    extra,
  }))
}

/** A YAML flow value: a scalar, a flow sequence of scalars, or a flow mapping. */
export function flowValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flowValue).join(', ')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
    return `{ ${entries.map(([k, v]) => `${yamlScalar(k)}: ${flowValue(v)}`).join(', ')} }`
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return yamlScalar(String(value))
}

/** The `rules:` block for `rules` (`rules: []` when none). */
export function emitRules(rules: readonly RuleDraft[]): string[] {
  if (rules.length === 0) return ['rules: []']
  const lines = ['rules: # first matching rule wins']
  for (const rule of rules) {
    lines.push(`  - when: ${flowValue(rule.when)}`)
    if (rule.flowItem) lines.push(`    flowItem: ${rule.flowItem}`)
    if (rule.states && Object.keys(rule.states).length > 0)
      lines.push(`    states: ${flowValue(rule.states)}`)
  }
  return lines
}

/** The `valueStreams:` block for `streams` (`valueStreams: []` when none). */
export function emitStreams(streams: readonly StreamDraft[]): string[] {
  if (streams.length === 0) return ['valueStreams: []']
  const lines = ['valueStreams:']
  for (const stream of streams) {
    lines.push(`  - name: ${yamlScalar(stream.name)}`)
    lines.push(`    match: ${flowValue(stream.match)}`)
    for (const [key, value] of Object.entries(stream.extra))
      lines.push(`    ${yamlScalar(key)}: ${flowValue(value)}`)
  }
  return lines
}

/** The text with its rules and value streams rewritten, each only when given (edited). */
export function writeModel(
  text: string,
  model: { rules?: readonly RuleDraft[]; streams?: readonly StreamDraft[] },
): string {
  let out = text
  if (model.rules) out = replaceTopLevelBlock(out, 'rules', emitRules(model.rules))
  if (model.streams) out = replaceTopLevelBlock(out, 'valueStreams', emitStreams(model.streams))
  return out
}

/** The suggestion's assignments: each value's entry (as the suggested file writes it) → category. */
export function suggestedAssignments(suggestion: MappingSuggestionResponse): {
  types: Map<string, FlowItemMapping>
  states: Map<string, FlowState>
} {
  return {
    types: new Map(suggestion.types.map((v) => [v.entry, v.suggested])),
    states: new Map(suggestion.statuses.map((v) => [v.entry, v.suggested])),
  }
}

/** Words for a suggestion's basis, as `vmo map suggest` comments it. */
export const BASIS_WORDS = {
  name: 'by name',
  tool: "by the tool's category",
  position: 'by position in histories',
  fallback: 'guessed: review',
} as const

/** "resolution is Won't Fix or Duplicate; team is payments" */
export function conditionWords(conditions: Conditions): string {
  return Object.entries(conditions)
    .map(([field, values]) => `${field} is ${values.join(' or ')}`)
    .join('; ')
}

/** What a rule does, in words: "flow item risk; Closed → canceled". */
export function ruleEffectWords(rule: RuleDraft): string {
  const parts: string[] = []
  if (rule.flowItem) parts.push(`flow item ${rule.flowItem}`)
  for (const [state, flow] of Object.entries(rule.states ?? {})) parts.push(`${state} → ${flow}`)
  return parts.join('; ')
}
