import { parseDocument } from 'yaml'
import type { ModelEntity, OrganisationModel } from './store-types'

/** The top-level keys of `openvmo.yaml` that define the organisation model. */
export const MODEL_KEYS = ['products', 'teams', 'customers'] as const

type Entry = Record<string, unknown>

function entriesOf(value: unknown): Entry[] {
  if (!Array.isArray(value)) return []
  return value.filter(
    (v): v is Entry =>
      typeof v === 'object' && v !== null && !Array.isArray(v) && typeof v.name === 'string',
  )
}

const same = (a: unknown, b: string) =>
  typeof a === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase()

function namesOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return list.map(String)
}

/**
 * The organisation model a mapping text defines: its value streams (each with the customers whose
 * `streams` name it), and its `products` and `teams` entries as written (`name` and any other
 * keys: `stream`, `displayName`, `members`, …). Undefined when the text has none of
 * {@link MODEL_KEYS} (the stored model then stays as it is) or is not a YAML mapping of keys; the
 * mapping's own validation reports that.
 */
export function modelFromMapping(yaml: string): OrganisationModel | undefined {
  const doc = parseDocument(yaml)
  if (doc.errors.length > 0) return undefined
  const file: unknown = doc.toJS({ maxAliasCount: 100 })
  if (typeof file !== 'object' || file === null || Array.isArray(file)) return undefined
  const keys = file as Record<string, unknown>
  if (!MODEL_KEYS.some((key) => key in keys)) return undefined
  const customers = entriesOf(keys.customers)
  const valueStreams: ModelEntity[] = entriesOf(keys.valueStreams).map((stream) => {
    const name = String(stream.name)
    const theirs = customers
      .filter((c) => namesOf(c.streams).some((s) => same(s, name)))
      .map(({ streams: _streams, ...customer }) => customer)
    return { name, definition: { customers: theirs } }
  })
  const entities = (value: unknown): ModelEntity[] =>
    entriesOf(value).map((entry) => ({ name: String(entry.name), definition: { ...entry } }))
  return { valueStreams, products: entities(keys.products), teams: entities(keys.teams) }
}
