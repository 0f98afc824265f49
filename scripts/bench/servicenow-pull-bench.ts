// ServiceNow connector benchmark: a full pull of ITEMS incidents with CHANGES state changes each
// (sys_audit) from the fake ServiceNow (in its own process, answering at once), an incremental
// pull after 100 incidents changed, then a key census. Prints items/s, CPU ms per item (this
// process only: the connector, its HTTP client and the mapper) and peak RSS. Figures only, no
// assertions; not part of run.ts. The connector reads a page of 100 records and one batched
// sys_audit page per page of records. BENCH_SERVICENOW_CONCURRENCY sets its concurrency (default 4).
// Usage: node --import tsx --expose-gc scripts/bench/servicenow-pull-bench.ts [items=100000] [changes=8]
import { createServiceNowConnector } from '../../packages/server/src/sources/servicenow/servicenow-connector'
import type { ScopeSpec } from '../../packages/server/src/sources/connector'
import { FAKE_SERVICENOW_USER } from '../../packages/server/src/sources/servicenow/testing/fake-servicenow-server'
import { runPullBench, startFakeTool } from './pull-bench-kit'

const items = Number(process.argv[2] ?? 100_000)
const changes = Number(process.argv[3] ?? 8)
const scope: ScopeSpec = { name: 'inc', kind: 'table', value: 'incident' }

const fake = await startFakeTool('scripts/bench/servicenow-fake-process.ts', [items, changes])
const concurrency = Number(process.env.BENCH_SERVICENOW_CONCURRENCY ?? 4)
const connector = createServiceNowConnector({
  sourceName: 'servicenow',
  secret: fake.token,
  config: { url: fake.url, username: FAKE_SERVICENOW_USER, concurrency },
})
await runPullBench({ connector, scope, fake, what: `changes, ${changes} state changes each` })
