// The fake GitHub of the GitHub pull benchmark, in its own process so the benchmark measures the
// connector alone. Creates ITEMS issues in acme/pay, each with EVENTS timeline events, prints
// `{"url":…,"token":…}` on a line, then serves until its stdin closes. A line `edit N` on stdin
// moves N items spread over the repository to their next status now, and answers `edited N`.
// Usage: node --import tsx scripts/bench/github-fake-process.ts [items=100000] [events=10]
import { serveEdits } from './fake-edits'
import { startFakeGitHub } from '../../packages/server/src/sources/github/testing/fake-github-server'

const items = Number(process.argv[2] ?? 100_000)
const events = Number(process.argv[3] ?? 10)
const fake = await startFakeGitHub({
  rateLimit: 10_000_000,
  startMs: Date.now() - 400 * 86_400_000,
})
// every issue has a label at creation and an assignment, then status changes
const keys = await fake.createItems({ name: 'pay', kind: 'repo', value: 'acme/pay' }, items, {
  changes: Math.max(0, events - 2),
})
process.stdout.write(`${JSON.stringify({ url: fake.url, token: fake.token })}\n`)
serveEdits({
  keys,
  edit: (edited, atMs) => fake.editItems(edited, atMs),
  close: () => fake.close(),
})
