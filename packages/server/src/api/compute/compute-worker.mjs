// The compute pool's worker entry. From the TypeScript sources (development, tests), tsx compiles
// the worker's modules in this thread; the worker then runs compute-worker.ts.
import { register } from 'tsx/esm/api'

register()
const worker = await import('./compute-worker.ts')

export default worker.default
