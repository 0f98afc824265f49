// The fake Jira of the sync benchmark, in its own process so the benchmark measures openvmo alone.
// Creates ITEMS issues in project PAY with CHANGES status changes each, prints
// `{"url":…,"token":…,"email":…}` on a line, then serves until its stdin closes. A line `edit N`
// on stdin moves N issues spread over the project to their next status now, and answers `edited N`.
// Usage: node --import tsx scripts/bench/jira-fake-process.ts [items=100000] [changes=10]
import { serveEdits } from './fake-edits'
import { startFakeJira } from '../../packages/server/src/sources/jira/testing/fake-jira'

const items = Number(process.argv[2] ?? 100_000)
const changes = Number(process.argv[3] ?? 10)
const fake = await startFakeJira({ deployment: 'cloud', pageSize: 100, projects: ['PAY'] })
const keys = await fake.createItems({ name: 'PAY', kind: 'project', value: 'PAY' }, items, {
  changes,
})
process.stdout.write(`${JSON.stringify({ url: fake.url, token: fake.token, email: fake.email })}\n`)
serveEdits({
  keys,
  edit: (edited, atMs) => fake.editItems(edited, atMs),
  close: () => fake.close(),
})
