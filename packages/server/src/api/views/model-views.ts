import { STATE_DONE } from '@openvmo/core'
import type { ModelEntity } from '../../store/store-types'
import type { FlowInput } from '../engine'
import type { FlowSnapshot } from '../flow-snapshot'
import type { ModelEntityResponse, ValueStreamResponse } from '../schemas/model-schemas'

/** The organisation model as read from the store. */
export interface ModelLists {
  valueStreams: readonly ModelEntity[]
  products: readonly ModelEntity[]
  teams: readonly ModelEntity[]
}

const same = (a: unknown, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase()

/** Whether a model entity's definition names `stream` (`stream` or `valueStream`). */
export function belongsTo(entity: ModelEntity, stream: string): boolean {
  return same(entity.definition.stream, stream) || same(entity.definition.valueStream, stream)
}

function streamCounts(input: FlowInput, items: Uint32Array) {
  const { dataset, timelines } = input
  const teams = new Set<string>()
  let inProgress = 0
  let completed = 0
  for (const i of items) {
    const team = dataset.itemTeam[i] ?? -1
    if (team >= 0) teams.add(dataset.teams.valueOf(team))
    if (!timelines.included[i] || (timelines.flowItem[i] ?? 0) >= 4) continue
    const started = (timelines.startMs[i] ?? NaN) === timelines.startMs[i]
    const ended = (timelines.endMs[i] ?? NaN) === timelines.endMs[i]
    if (started && !ended) inProgress++
    if (ended && timelines.endState[i] === STATE_DONE) completed++
  }
  return { items: items.length, inProgress, completed, teams }
}

/** `GET /value-streams`: the mapping's streams with counts as of `asOfMs` and their model. */
export function valueStreamsView(
  snapshot: FlowSnapshot,
  model: ModelLists,
  asOfMs: number,
): ValueStreamResponse[] {
  // No mapping saved yet (a new store): no streams, rather than an error on every page's filters.
  if (snapshot.mapping.version === null) return []
  const input = snapshot.input(asOfMs)
  const configs = snapshot.mapping.config?.valueStreams ?? []
  return input.mapping.valueStreams.map((stream, s) => {
    const counts = streamCounts(input, stream.items)
    for (const team of model.teams) if (belongsTo(team, stream.name)) counts.teams.add(team.name)
    const definition = model.valueStreams.find((v) => same(v.name, stream.name))?.definition
    return {
      name: stream.name,
      items: counts.items,
      inProgress: counts.inProgress,
      completed: counts.completed,
      teams: [...counts.teams].sort(),
      products: model.products.filter((p) => belongsTo(p, stream.name)).map((p) => p.name),
      distributionTarget: configs[s]?.distributionTarget ?? null,
      definition: definition ?? {},
    }
  })
}

/**
 * `GET /teams`: the model's teams plus teams seen on items, with their item counts; with
 * `visible` (a mark per item the principal may read), teams seen on those items only.
 */
export function teamsView(
  snapshot: FlowSnapshot,
  teams: readonly ModelEntity[],
  visible?: Uint8Array | null,
) {
  const { dataset } = snapshot
  const counts = new Map<string, number>()
  for (const [i, team] of dataset.itemTeam.entries()) {
    if (team < 0 || (visible && visible[i] !== 1)) continue
    const name = dataset.teams.valueOf(team)
    counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  const out: ModelEntityResponse[] = teams.map((t) => ({ ...t, items: counts.get(t.name) ?? 0 }))
  for (const [name, items] of counts) {
    if (!teams.some((t) => t.name === name)) out.push({ name, definition: {}, items })
  }
  return out.sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * `GET /customers`: the store has no customer list, so customers are collected from the value
 * streams' and products' definitions (`customers: [name | { name, … }]`), deduplicated by name.
 */
export function customersView(model: ModelLists): ModelEntityResponse[] {
  const byName = new Map<string, ModelEntityResponse>()
  for (const entity of [...model.valueStreams, ...model.products]) {
    const list = entity.definition.customers
    if (!Array.isArray(list)) continue
    for (const customer of list as unknown[]) {
      const entry = toCustomer(customer)
      if (entry && !byName.has(entry.name)) byName.set(entry.name, entry)
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name))
}

function toCustomer(value: unknown): ModelEntityResponse | undefined {
  if (typeof value === 'string') return { name: value, definition: {} }
  if (typeof value !== 'object' || value === null) return undefined
  const name = (value as { name?: unknown }).name
  if (typeof name !== 'string') return undefined
  return { name, definition: value as Record<string, unknown> }
}
