import type { Generated } from 'kysely'

/** A value stream, product or team: its name and its definition as JSON. */
export interface ModelEntityTable {
  id: Generated<number>
  name: string
  definition_json: string
}

/** One point of a business-result series (value, cost, quality, happiness) of a stream. */
export interface BusinessResultTable {
  stream: string
  metric: string
  /** `YYYY-MM-DD`. */
  date: string
  value: number
}

/** One saved version of the mapping file (`openvmo.yaml`). */
export interface MappingVersionTable {
  version: number
  yaml: string
  created_at: string
}
