// Jira connector pull benchmark: a fake Jira Cloud and a fake Jira Data Center (each in a child
// process, so its CPU is not counted) hold N issues with 10 status changes each (every fifth also
// a type change); the connector pulls the whole project page by page, as a full sync does, and
// drops each page after counting it. Prints items/s, CPU ms per item of this process (the
// connector, its HTTP client and the mapper) and the peak RSS. Prints figures only.
// Usage: node --import tsx scripts/bench/jira-pull-bench.ts [items=100000] [cloud,data_center]
import { fork } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import { createJiraConnector } from '../../packages/server/src/sources/jira/jira-connector'
import { startFakeJira } from '../../packages/server/src/sources/jira/testing/fake-jira'

const CHILD_FLAG = '--fake-jira'
const CHANGES = 10
const SCOPE = { name: 'payments', kind: 'project', value: 'PAY' }

type Deployment = 'cloud' | 'data_center'
interface FakeAddress {
  url: string
  token: string
  email: string
}

/** The child: a fake Jira with `items` issues, serving until its parent disconnects. */
async function serveChild(deployment: Deployment, items: number) {
  const fake = await startFakeJira({ deployment, pageSize: 100, projects: ['PAY'] })
  fake.state.create('PAY', items, CHANGES)
  process.send?.({ url: fake.url, token: fake.token, email: fake.email } satisfies FakeAddress)
  process.on('disconnect', () => void fake.close())
}

function startChild(deployment: Deployment, items: number) {
  const child = fork(process.argv[1] ?? '', [CHILD_FLAG, deployment, String(items)])
  return new Promise<{ fake: FakeAddress; stop: () => void }>((resolve, reject) => {
    child.once('message', (fake) =>
      resolve({ fake: fake as FakeAddress, stop: () => child.disconnect() }),
    )
    child.once('error', reject)
  })
}

async function pullOnce(deployment: Deployment, fake: FakeAddress) {
  const connector = createJiraConnector({
    sourceName: 'bench-jira',
    token: fake.token,
    config: { url: fake.url, deployment, email: fake.email, pageSize: 100 },
  })
  let items = 0
  let changes = 0
  let peakRss = process.memoryUsage().rss
  const cpu = process.cpuUsage()
  const started = performance.now()
  for await (const page of connector.pull(SCOPE)) {
    items += page.items.length
    for (const item of page.items) changes += item.record.changes.length
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
  }
  const wallMs = performance.now() - started
  const used = process.cpuUsage(cpu)
  return { items, changes, wallMs, cpuMs: (used.user + used.system) / 1000, peakRss }
}

async function main() {
  const items = Number(process.argv[2] ?? 100_000)
  const deployments = (process.argv[3] ?? 'cloud,data_center').split(',') as Deployment[]
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${load}`)
  console.log(
    `jira pull of ${items.toLocaleString('en')} issues × ${CHANGES} changes, fake in a child process`,
  )
  console.log('deployment  │    items │  changes │    wall │   items/s │ cpu ms/item │ peak RSS')
  for (const deployment of deployments) {
    const child = await startChild(deployment, items)
    try {
      const r = await pullOnce(deployment, child.fake)
      const row = [
        deployment.padEnd(11),
        r.items.toLocaleString('en').padStart(8),
        r.changes.toLocaleString('en').padStart(8),
        `${(r.wallMs / 1000).toFixed(1)} s`.padStart(7),
        ((r.items / r.wallMs) * 1000).toFixed(0).padStart(9),
        (r.cpuMs / r.items).toFixed(3).padStart(11),
        `${(r.peakRss / 1048576).toFixed(0)} MB`.padStart(8),
      ]
      console.log(row.join(' │ '))
    } finally {
      child.stop()
    }
  }
}

if (process.argv[2] === CHILD_FLAG) {
  await serveChild(process.argv[3] as Deployment, Number(process.argv[4]))
} else {
  await main()
}
