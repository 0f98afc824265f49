// The public entry of @openvmo/server. Modules inside server import each other directly, never this file.
export * from './sources/ndjson/read-history-file'
export * from './sources/ndjson/load-flow-dataset'
export * from './sources/ndjson/write-history-file'
export * from './store/store'
export * from './store/store-types'
export * from './store/kysely-store'
export * from './store/sqlite/create-sqlite-store'
export * from './store/postgres/create-postgres-store'
export * from './store/open-store'
export * from './store/backup'
export { SCHEMA_VERSION } from './store/migrations/migrations'
export * from './demo/generate-histories'
export * from './demo/ndjson-writer'
export * from './demo/generate-demo-organisation'
export * from './demo/write-demo-files'
export * from './demo/organisation'
export {
  BUSINESS_METRICS,
  computeBusinessResults,
  type BusinessMetric,
} from './demo/business-results'
export { BUSINESS_RESULT_TARGETS, type BusinessResultTarget } from './demo/mapping-yaml'
export type { DemoExperiment } from './demo/process-changes'
export * from './api/create-app'
export * from './api/serve'
export * from './api/flow-service'
export type { DataVersionProbe } from './api/data-version'
export * from './api/schemas'
