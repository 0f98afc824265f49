// The API's request and response schemas; the dashboard imports the inferred types from here.
export * from './common-schemas'
export * from './metrics-schemas'
export * from './flow-schemas'
export * from './forecast-schemas'
export * from './item-schemas'
export * from './mapping-schemas'
export * from './model-schemas'
export * from './source-schemas'
