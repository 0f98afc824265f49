import type { UsedValue, WorkItemRecord } from '@openvmo/core'
import { VmoError, describeUnmapped, findUnmappedNames, parseMappingYaml } from '@openvmo/core'
import type { Store } from '../store/store'
import type { CliIo } from './cli-io'

/** Counts, per source, the items that use each status and artifact type (now or in history). */
export class ValueTally {
  readonly #counts = new Map<string, UsedValue>()

  /** Adds one record's statuses and types (each counted once per item). */
  add(record: WorkItemRecord): void {
    const seen = new Set<string>()
    const use = (kind: UsedValue['kind'], name: unknown) => {
      if (typeof name !== 'string' || name === '') return
      const key = `${kind}\u0000${record.source}\u0000${name}`
      if (seen.has(key)) return
      seen.add(key)
      const entry = this.#counts.get(key)
      if (entry) entry.items++
      else this.#counts.set(key, { kind, source: record.source, name, items: 1 })
    }
    use('status', record.status)
    use('type', record.type)
    for (const change of record.changes ?? []) {
      if (change.field !== 'status' && change.field !== 'type') continue
      use(change.field, change.from)
      use(change.field, change.to)
    }
  }

  /** Every value counted. */
  values(): UsedValue[] {
    return [...this.#counts.values()]
  }
}

/**
 * After an import: the statuses and types of the imported items that the store's saved mapping
 * does not map, as one warning on stderr (those items are left out of every figure until they
 * are mapped). Says nothing when the store has no mapping yet or everything maps.
 */
export async function reportUnmappedValues(store: Store, tally: ValueTally, io: CliIo) {
  const current = await store.findCurrentMapping()
  if (!current) return
  let config
  try {
    config = parseMappingYaml(current.yaml, `the saved mapping (version ${current.version})`)
  } catch (error) {
    if (error instanceof VmoError) return
    throw error
  }
  const found = findUnmappedNames(config, tally.values())
  const total = found.states.length + found.types.length
  if (total === 0) return
  const items = (v: { items: number }[]) => v.reduce((sum, value) => sum + value.items, 0)
  io.stderr(
    `warning: ${total} ${total === 1 ? 'value' : 'values'} of the imported items ${total === 1 ? 'is' : 'are'} not mapped by the saved mapping (version ${current.version}): ${describeUnmapped(found)}. ` +
      `Up to ${items([...found.states, ...found.types])} items are left out of every figure until ${total === 1 ? 'it is' : 'they are'} mapped: ` +
      'map them in the dashboard (Mapping), or edit the mapping file and run vmo map save FILE\n',
  )
}
