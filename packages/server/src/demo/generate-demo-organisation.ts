import type { WorkItemRecord } from '@openvmo/core'
import { MS_PER_DAY } from '@openvmo/core'
import { computeBusinessResults, type BusinessResultPoint } from './business-results'
import { simulateGithub } from './github-source'
import { simulateJira } from './jira-source'
import { buildMappingYaml } from './mapping-yaml'
import {
  DEMO_CUSTOMERS,
  DEMO_PRODUCTS,
  DEMO_STREAMS,
  DEMO_TEAMS,
  type DemoCustomer,
  type DemoProduct,
  type DemoStream,
  type DemoTeam,
} from './organisation'
import { createProcessChanges, type DemoExperiment } from './process-changes'
import { SeededRandom } from './seeded-random'
import { simulateServiceNow } from './servicenow-source'
import { toWorkItemRecord, type SimItem } from './sim-item'

/** Options of {@link generateDemoOrganisation}. */
export interface GenerateDemoOptions {
  /** Default 42. The same seed and as-of time always give the same organisation. */
  seed?: number
  /** The demo's "now": histories end here, with work in progress and in the backlog. */
  asOfMs: number
  /** Length of the history before `asOfMs`. Default 2. */
  years?: number
}

/** A believable company's delivery data, mapping and business model (see `vmo demo`). */
export interface DemoOrganisation {
  seed: number
  /** ISO-8601 instant the histories end at. */
  asOf: string
  /** Work-item histories of the sources `servicenow`, `jira` and `github` (docs/importing.md ("NDJSON history")). */
  records: WorkItemRecord[]
  experiments: DemoExperiment[]
  /** A complete `openvmo.yaml` (docs/configuration.md) with the model keys of the demo. */
  mappingYaml: string
  businessResults: BusinessResultPoint[]
  streams: readonly DemoStream[]
  teams: readonly DemoTeam[]
  products: readonly DemoProduct[]
  customers: readonly DemoCustomer[]
}

function toRecords(items: readonly SimItem[], asOfMs: number): WorkItemRecord[] {
  const records: WorkItemRecord[] = []
  for (const item of items) {
    const record = toWorkItemRecord(item, asOfMs)
    if (record !== undefined) records.push(record)
  }
  return records
}

/**
 * Generates the Acme demo: 5 value streams, 12 teams, about 25,000 items over `years` of history
 * in ServiceNow (intake), Jira and GitHub (delivery) with cross-source links, cross-team
 * dependencies, seasonality, queues, reopens and cancellations; two past process changes whose
 * effect shows in the data; business results; and the mapping that reads it all.
 */
export function generateDemoOrganisation(options: GenerateDemoOptions): DemoOrganisation {
  const { seed = 42, asOfMs, years = 2 } = options
  const random = new SeededRandom(seed)
  const window = { startMs: asOfMs - Math.round(years * 365) * MS_PER_DAY, asOfMs }
  const changes = createProcessChanges(asOfMs)
  const jira = simulateJira(random.fork(1), changes, window)
  const servicenow = simulateServiceNow(random.fork(2), jira, window)
  const github = simulateGithub(random.fork(3), jira, window)
  const incidents = servicenow.filter((item) => item.initialType === 'Incident')
  return {
    seed,
    asOf: new Date(asOfMs).toISOString(),
    records: toRecords([...servicenow, ...jira.items, ...github], asOfMs),
    experiments: changes.experiments,
    mappingYaml: buildMappingYaml(changes.experiments),
    businessResults: computeBusinessResults({
      ...window,
      jira: jira.items,
      incidents,
      random: random.fork(4),
    }),
    streams: DEMO_STREAMS,
    teams: DEMO_TEAMS,
    products: DEMO_PRODUCTS,
    customers: DEMO_CUSTOMERS,
  }
}
