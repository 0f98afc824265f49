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

/** What a stream wants of one business result (see `ResultDefinition` in core). */
export interface BusinessResultDefinitionTable {
  stream: string
  metric: string
  category: string
  unit: string
  direction: string
  target: number | null
  /** `YYYY-MM-DD`. */
  target_date: string | null
  description: string | null
  updated_at: string
}

/** One saved version of the mapping file (`openvmo.yaml`). */
export interface MappingVersionTable {
  version: number
  yaml: string
  created_at: string
}

/** One recorded experiment (see `ExperimentDefinition` in core), its definition as JSON. */
export interface ExperimentTable {
  id: string
  stream: string
  definition: string
  created_at: string
  updated_at: string
}
