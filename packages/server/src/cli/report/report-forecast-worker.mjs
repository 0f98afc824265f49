// The report's forecast thread from the TypeScript sources (development, tests): tsx compiles its
// modules in this thread, which then runs report-forecast-worker.ts (compiled: dist/ has its own).
import { register } from 'tsx/esm/api'

register()
await import('./report-forecast-worker.ts')
