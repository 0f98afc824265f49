import type { WorkItemChange, WorkItemRecord } from '../model/work-item-record'
import type { MappingConfig } from './mapping-config'

/**
 * `labelStates` of `openvmo.yaml`: labels whose history is the item's workflow state history
 * (docs/configuration.md). A label is a state label when it starts with `prefix` (the state is
 * the rest, trimmed: `status: in review` → `in review`) or is one of `names`; only items of
 * `sources` when given. Compared case-insensitively.
 */
export interface LabelStatesConfig {
  prefix?: string
  names?: readonly string[]
  sources?: readonly string[]
}

/** Splits a `labels` change value (a whole label set): by commas when it has one, else by spaces. */
function labelSet(value: string | null): string[] {
  if (value === null) return []
  const parts = value.includes(',') ? value.split(',') : value.split(/\s+/)
  return parts.map((label) => label.trim()).filter((label) => label.length > 0)
}

const isLabelChange = (change: WorkItemChange) =>
  change.field === 'label' || change.field === 'labels'

/** Applies one label change to `labels` (ordered by when each was added, oldest first). */
function applyLabelChange(labels: string[], change: WorkItemChange): void {
  const remove = (label: string) => {
    const at = labels.findIndex((l) => l.toLowerCase() === label.toLowerCase())
    if (at >= 0) labels.splice(at, 1)
  }
  const add = (label: string) => {
    remove(label)
    labels.push(label)
  }
  if (change.field === 'label') {
    if (change.from !== null) remove(change.from)
    if (change.to !== null) add(change.to)
    return
  }
  const before = labelSet(change.from)
  const after = labelSet(change.to)
  for (const label of before)
    if (!after.some((l) => l.toLowerCase() === label.toLowerCase())) remove(label)
  for (const label of after)
    if (!labels.some((l) => l.toLowerCase() === label.toLowerCase())) add(label)
}

/** The labels at creation: the current ones with every label change undone, latest first. */
function initialLabels(record: WorkItemRecord): string[] {
  const labels = [...(record.labels ?? [])]
  const changes = record.changes.filter(isLabelChange)
  for (let k = changes.length - 1; k >= 0; k--) {
    const change = changes[k]!
    applyLabelChange(labels, { ...change, from: change.to, to: change.from })
  }
  return labels
}

/** Lower-cased names of the states `done` and `canceled` of the mapping (source qualifier dropped). */
function terminalNames(config: MappingConfig, source: string): Set<string> {
  const names = new Set<string>()
  for (const name of [...(config.states.done ?? []), ...(config.states.canceled ?? [])]) {
    const colon = name.indexOf(':')
    const qualifier = colon > 0 ? name.slice(0, colon).toLowerCase() : undefined
    if (qualifier !== undefined && qualifier !== source.toLowerCase()) {
      names.add(name.toLowerCase())
      continue
    }
    names.add((qualifier === undefined ? name : name.slice(colon + 1)).toLowerCase())
  }
  return names
}

/**
 * The record with its status history taken from its label history when the mapping has
 * `labelStates` (else the record itself). At every instant the status is, in this order: the
 * recorded status when the mapping maps it to `done` or `canceled` (a closed item stays closed,
 * whatever labels it kept); else the most recently added state label still on the item, named
 * as its state; else the recorded status. A change to another status becomes a `status` change
 * (`from` the previous one); the label changes stay as they are.
 */
export function applyLabelStates(record: WorkItemRecord, config: MappingConfig): WorkItemRecord {
  const rule = config.labelStates
  if (!rule) return record
  if (rule.sources && !rule.sources.some((s) => s.toLowerCase() === record.source.toLowerCase()))
    return record
  const prefix = rule.prefix?.toLowerCase()
  const names = new Set((rule.names ?? []).map((n) => n.toLowerCase()))
  const stateOf = (label: string): string | undefined => {
    const lower = label.toLowerCase()
    if (prefix !== undefined && prefix.length > 0 && lower.startsWith(prefix)) {
      const name = label.slice(prefix.length).trim()
      return name.length > 0 ? name : undefined
    }
    return names.has(lower) ? label : undefined
  }
  const terminal = terminalNames(config, record.source)
  const firstStatus = record.changes.find((c) => c.field === 'status')
  let recorded = firstStatus ? (firstStatus.from ?? '') : record.status
  const labels = initialLabels(record)
  const effective = () => {
    if (terminal.has(recorded.toLowerCase())) return recorded
    for (let k = labels.length - 1; k >= 0; k--) {
      const state = stateOf(labels[k]!)
      if (state !== undefined) return state
    }
    return recorded
  }
  let status = effective()
  const initial = status
  const out: WorkItemChange[] = []
  const changes = record.changes
  for (let k = 0; k < changes.length;) {
    const at = changes[k]!.at
    // every change of one instant first, then the status it leaves
    for (; k < changes.length && changes[k]!.at === at; k++) {
      const change = changes[k]!
      if (change.field === 'status') recorded = change.to ?? ''
      else {
        if (isLabelChange(change)) applyLabelChange(labels, change)
        out.push(change)
      }
    }
    const next = effective()
    if (next !== status) out.push({ at, field: 'status', from: status, to: next })
    status = next
  }
  // the status at creation is the `from` of the first status change, else `status` (the same then)
  return {
    ...record,
    status: out.some((c) => c.field === 'status') ? status : initial,
    changes: out,
  }
}
