import { Document, isScalar, isSeq, type Node } from 'yaml'
import type { MappingSuggestion, SuggestedValue, SuggestionBasis } from './suggest-mapping'

const HEADER = [
  ' openvmo mapping suggested by `vmo map suggest`: review every value before using it.',
  ' Each tool state maps to one flow state and each artifact type to one flow item mapping;',
  ' names match case-insensitively, `source:Name` applies to one source only.',
  ' The comment beside each value says how many items use it and why it was suggested.',
].join('\n')

const FOOTER = [
  ' Optional, see docs/configuration.md:',
  ' default: { state: active, flowItem: feature }   # explicit defaults for unmapped values',
  ' rules:                                          # first match wins',
  '   - when: { labels: security }',
  '     flowItem: risk',
  ' valueStreams:',
  '   - name: Payments',
  '     match: { project: [PAY], team: [payments] }',
].join('\n')

const BASIS_TEXT: Record<'status' | 'type', Record<SuggestionBasis, string>> = {
  status: {
    name: 'suggested by name',
    tool: "suggested by the tool's status category",
    position: 'suggested by position in item histories',
    fallback: 'nothing in the name or histories says more: review',
  },
  type: {
    name: 'suggested by name',
    tool: 'suggested by the tool',
    position: 'suggested by position',
    fallback: 'not a known type name: review',
  },
}

/** `1234567` → `1,234,567` (fixed, so output does not depend on the runtime's locale). */
function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

function commentFor(values: readonly SuggestedValue<string>[], kind: 'status' | 'type'): string {
  const items = values.reduce((total, value) => total + value.items, 0)
  const sources = [...new Set(values.map((value) => value.source))]
  const where = sources.length > 1 ? ` in ${sources.join(', ')}` : ''
  const bases = [...new Set(values.map((value) => BASIS_TEXT[kind][value.by]))]
  return ` ${formatCount(items)} ${items === 1 ? 'item' : 'items'}${where}, ${bases.join('; ')}`
}

function annotate(
  node: Node | null | undefined,
  values: readonly SuggestedValue<string>[],
  kind: 'status' | 'type',
): void {
  if (!isSeq(node)) return
  for (const item of node.items) {
    if (!isScalar(item)) continue
    const entry = String(item.value)
    item.comment = commentFor(
      values.filter((value) => value.entry === entry),
      kind,
    )
  }
  if (node.items.length === 0) node.flow = true
}

/**
 * The suggestion as a commented `openvmo.yaml`: a header asking for review, `timezone`, then every
 * artifact type under `flowItems` and every tool state under `states`, one per line with a comment
 * giving its item count and the basis of the suggestion (`- In Review # 1,234 items, suggested by
 * name`), and commented examples of the optional keys. {@link parseMappingYaml} reads it back to
 * `suggestion.config`.
 */
export function renderSuggestedMappingYaml(suggestion: MappingSuggestion): string {
  const { config } = suggestion
  const doc = new Document({
    timezone: config.timezone,
    flowItems: config.flowItems,
    states: config.states,
  })
  for (const [key, list] of Object.entries(config.flowItems)) {
    if (list) annotate(doc.getIn(['flowItems', key], true) as Node, suggestion.types, 'type')
  }
  for (const [key, list] of Object.entries(config.states)) {
    if (list) annotate(doc.getIn(['states', key], true) as Node, suggestion.statuses, 'status')
  }
  doc.commentBefore = HEADER
  doc.comment = FOOTER
  return doc.toString({ lineWidth: 100, flowCollectionPadding: false })
}
