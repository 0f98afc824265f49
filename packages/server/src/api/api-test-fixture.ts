import type { WorkItemRecord } from '@openvmo/core'
import { makeWorkItem } from '@openvmo/core'
import { openStore } from '../store/open-store'
import type { Store } from '../store/store'
import { createApp } from './create-app'

/** The fixed "now" of the API tests: 2024-04-01T00:00:00Z. */
export const TEST_NOW = Date.parse('2024-04-01T00:00:00Z')

/** The mapping of the API tests: two streams by project, every test status and type mapped. */
export const TEST_MAPPING_YAML = `timezone: UTC
flowItems:
  feature: [Story, Epic]
  defect: [Bug]
  risk: [Vulnerability]
  debt: [Tech Debt]
  supporting: [Sub-task]
states:
  new: [Backlog]
  waiting: [Ready, Awaiting QA]
  active: [In Progress, In QA]
  done: [Done, Closed]
  canceled: ["Won't Do"]
valueStreams:
  - name: Payments
    match: { project: [PAY] }
    distributionTarget: { feature: 0.6, defect: 0.2, risk: 0.1, debt: 0.1 }
  - name: Mobile
    match: { project: [MOB] }
`

// n = 2 relates to a pull request; n = 23 (in progress) is blocked by n = 22 (open) and by
// n = 3 (done), through links stored in both directions' phrasing.
const TEST_LINKS: Partial<Record<number, (project: string) => WorkItemRecord['links']>> = {
  2: () => [{ type: 'relates', target: 'github:acme/pay#45' }],
  3: (project) => [{ type: 'blocks', target: `${project}-23` }],
  23: (project) => [{ type: 'is blocked by', target: `${project}-22` }],
}

const day = (d: number, h = 0) => new Date(Date.UTC(2024, 0, d, h)).toISOString()

/**
 * Test records: per project, items created over Q1 2024 that move Backlog → Ready → In Progress
 * → Done with different waits, a few still in progress, one in a status the mapping lacks
 * (`Parked`, only when `withUnmapped`), links and a parent.
 */
export function testRecords(options: { withUnmapped?: boolean } = {}): WorkItemRecord[] {
  const records: WorkItemRecord[] = []
  for (const [p, project] of ['PAY', 'MOB'].entries()) {
    for (let n = 1; n <= 24; n++) {
      const start = 1 + n * 3 + p
      const done = n <= 20 ? [[day(start + 2 + (n % 5), 12), 'Done'] as const] : []
      records.push(
        makeWorkItem({
          key: `${project}-${n}`,
          project,
          title: `${project === 'PAY' ? 'Refund' : 'Login'} flow ${n}`,
          url: `https://jira.example.com/browse/${project}-${n}`,
          type: n % 4 === 0 ? 'Bug' : 'Story',
          created: day(start - 1),
          team: project === 'PAY' ? 'payments' : 'mobile',
          parent: n > 1 ? `${project}-1` : undefined,
          links: TEST_LINKS[n]?.(project),
          path: [[day(start), 'Ready'], [day(start + 1), 'In Progress'], ...done],
        }),
      )
    }
  }
  if (options.withUnmapped) {
    records.push(makeWorkItem({ key: 'PAY-99', project: 'PAY', path: [[day(3), 'Parked']] }))
  }
  return records
}

/** An in-memory SQLite store holding {@link testRecords} and {@link TEST_MAPPING_YAML}. */
export async function createTestStore(options: { withUnmapped?: boolean } = {}): Promise<Store> {
  const store = await openStore({ db: ':memory:' })
  await store.importRecords(testRecords(options))
  await store.saveMappingVersion(TEST_MAPPING_YAML)
  await store.replaceModel({
    valueStreams: [{ name: 'Payments', definition: { customers: ['Acme Retail'] } }],
    products: [{ name: 'Checkout', definition: { stream: 'Payments' } }],
    teams: [{ name: 'payments', definition: { stream: 'Payments' } }],
  })
  await store.replaceBusinessResults([
    { stream: 'Payments', metric: 'value', date: '2024-01-31', value: 10 },
    { stream: 'Payments', metric: 'value', date: '2024-02-29', value: 12 },
  ])
  return store
}

/** The API over {@link createTestStore}, with the clock fixed at {@link TEST_NOW}. */
export async function createTestApp(options: { withUnmapped?: boolean } = {}) {
  const store = await createTestStore(options)
  return { store, app: createApp({ store, clock: () => TEST_NOW, loopback: true }) }
}
