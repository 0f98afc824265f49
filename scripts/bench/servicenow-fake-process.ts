// The fake ServiceNow of the ServiceNow pull benchmark, in its own process so the benchmark
// measures the connector alone. Creates ITEMS incidents, each with CHANGES state changes in
// sys_audit, prints `{"url":…,"token":…}` (the token is the basic-auth password) on a line, then
// serves until its stdin closes. A line `edit N` on stdin moves N incidents to their next state
// now, and answers `edited N`.
// Usage: node --import tsx scripts/bench/servicenow-fake-process.ts [items=100000] [changes=8]
import { serveEdits } from './fake-edits'
import {
  FAKE_SERVICENOW_PASSWORD,
  startFakeServiceNow,
} from '../../packages/server/src/sources/servicenow/testing/fake-servicenow-server'

const items = Number(process.argv[2] ?? 100_000)
const changes = Number(process.argv[3] ?? 8)
const fake = await startFakeServiceNow()
const keys = await fake.createItems({ name: 'inc', kind: 'table', value: 'incident' }, items, {
  changes,
})
process.stdout.write(`${JSON.stringify({ url: fake.url, token: FAKE_SERVICENOW_PASSWORD })}\n`)
serveEdits({
  keys,
  edit: (edited, atMs) => fake.editItems(edited, atMs),
  close: () => fake.close(),
})
