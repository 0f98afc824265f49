// The fake Azure DevOps of the Azure DevOps pull benchmark, in its own process so the benchmark
// measures the connector alone. Creates ITEMS work items in project Pay, each with CHANGES state
// changes, prints `{"url":…,"token":…}` on a line, then serves until its stdin closes. A line
// `edit N` on stdin moves N items spread over the project to their next state now, and answers
// `edited N`.
// Usage: node --import tsx scripts/bench/azure-devops-fake-process.ts [items=100000] [changes=8]
import { serveEdits } from './fake-edits'
import { startFakeAzureDevOps } from '../../packages/server/src/sources/azure-devops/testing/fake-azure-devops-server'

const items = Number(process.argv[2] ?? 100_000)
const changes = Number(process.argv[3] ?? 8)
const fake = await startFakeAzureDevOps()
const keys = await fake.createItems({ name: 'pay', kind: 'project', value: 'Pay' }, items, {
  changes,
})
process.stdout.write(`${JSON.stringify({ url: fake.url, token: fake.token })}\n`)
serveEdits({
  keys,
  edit: (edited, atMs) => fake.editItems(edited, atMs),
  close: () => fake.close(),
})
