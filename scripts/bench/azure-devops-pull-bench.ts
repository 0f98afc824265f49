// Azure DevOps connector benchmark: a full pull of ITEMS work items with CHANGES state changes
// each from the fake Azure DevOps (in its own process, answering at once), an incremental pull
// after 100 items changed, then a key census. Prints items/s, CPU ms per item (this process only:
// the connector, its HTTP client and the mapper) and peak RSS. Figures only, no assertions; not
// part of run.ts. The connector reads one WIQL page per 5,000 items, one batch per 200 and the
// updates of each item: BENCH_ADO_CONCURRENCY sets its concurrency (default 4, the default).
// Usage: node --import tsx --expose-gc scripts/bench/azure-devops-pull-bench.ts [items=100000] [changes=8]
import { createAzureDevOpsConnector } from '../../packages/server/src/sources/azure-devops/azure-devops-connector'
import type { ScopeSpec } from '../../packages/server/src/sources/connector'
import { runPullBench, startFakeTool } from './pull-bench-kit'

const items = Number(process.argv[2] ?? 100_000)
const changes = Number(process.argv[3] ?? 8)
const scope: ScopeSpec = { name: 'pay', kind: 'project', value: 'Pay' }

const fake = await startFakeTool('scripts/bench/azure-devops-fake-process.ts', [items, changes])
const concurrency = Number(process.env.BENCH_ADO_CONCURRENCY ?? 4)
const connector = createAzureDevOpsConnector({
  sourceName: 'azure-devops',
  token: fake.token,
  config: { url: fake.url, concurrency },
})
await runPullBench({ connector, scope, fake, what: `changes, ${changes} state changes each` })
