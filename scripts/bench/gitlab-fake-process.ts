// The fake GitLab of the GitLab pull benchmark, in its own process so the benchmark measures the
// connector alone. Creates ITEMS issues in acme/pay, each with CHANGES workflow-label changes,
// prints `{"url":…,"token":…}` on a line, then serves until its stdin closes. A line `edit N` on
// stdin moves N items spread over the project to their next status now, and answers `edited N`.
// Usage: node --import tsx scripts/bench/gitlab-fake-process.ts [items=100000] [changes=8]
import { serveEdits } from './fake-edits'
import { startFakeGitLab } from '../../packages/server/src/sources/gitlab/testing/fake-gitlab-server'

const items = Number(process.argv[2] ?? 100_000)
const changes = Number(process.argv[3] ?? 8)
const fake = await startFakeGitLab()
const keys = await fake.createItems({ name: 'pay', kind: 'project', value: 'acme/pay' }, items, {
  changes,
})
process.stdout.write(`${JSON.stringify({ url: fake.apiUrl, token: fake.token })}\n`)
serveEdits({
  keys,
  edit: (edited, atMs) => fake.editItems(edited, atMs),
  close: () => fake.close(),
})
