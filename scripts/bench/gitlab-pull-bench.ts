// GitLab connector benchmark: a full pull of ITEMS issues with CHANGES workflow-label changes
// each from the fake GitLab (in its own process, answering at once), an incremental pull after
// 100 items changed, then a key census. Prints items/s, CPU ms per item (this process only: the
// connector, its HTTP client and the mapper) and peak RSS. Figures only, no assertions; not part
// of run.ts. The connector reads 4 lists per issue (state, label and milestone events, links):
// BENCH_GITLAB_CONCURRENCY sets its concurrency (default 4, the connector's default).
// Usage: node --import tsx --expose-gc scripts/bench/gitlab-pull-bench.ts [items=100000] [changes=8]
import { createGitLabConnector } from '../../packages/server/src/sources/gitlab/gitlab-connector'
import type { ScopeSpec } from '../../packages/server/src/sources/connector'
import { runPullBench, startFakeTool } from './pull-bench-kit'

const items = Number(process.argv[2] ?? 100_000)
const changes = Number(process.argv[3] ?? 8)
const scope: ScopeSpec = { name: 'pay', kind: 'project', value: 'acme/pay' }

const fake = await startFakeTool('scripts/bench/gitlab-fake-process.ts', [items, changes])
const concurrency = Number(process.env.BENCH_GITLAB_CONCURRENCY ?? 4)
const connector = createGitLabConnector({
  sourceName: 'gitlab',
  token: fake.token,
  config: { url: fake.url, concurrency },
})
await runPullBench({ connector, scope, fake, what: `changes, ${changes} label changes each` })
