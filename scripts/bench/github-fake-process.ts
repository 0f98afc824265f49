// The fake GitHub of the GitHub pull benchmark, in its own process so the benchmark measures the
// connector alone. Creates ITEMS issues in acme/pay, each with EVENTS timeline events, prints
// `{"url":…,"token":…}` on a line, and serves until its stdin closes.
// Usage: node --import tsx scripts/bench/github-fake-process.ts [items=100000] [events=10]
import { startFakeGitHub } from '../../packages/server/src/sources/github/testing/fake-github-server'

const items = Number(process.argv[2] ?? 100_000)
const events = Number(process.argv[3] ?? 10)
const fake = await startFakeGitHub({
  rateLimit: 10_000_000,
  startMs: Date.now() - 400 * 86_400_000,
})
// every issue has a label at creation and an assignment, then status changes
await fake.createItems({ name: 'pay', kind: 'repo', value: 'acme/pay' }, items, {
  changes: Math.max(0, events - 2),
})
process.stdout.write(`${JSON.stringify({ url: fake.url, token: fake.token })}\n`)
process.stdin.on('end', () => void fake.close().then(() => process.exit(0)))
process.stdin.resume()
