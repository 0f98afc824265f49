import { refreshStoredFindings } from '../../store/stored-findings'
import type { Command } from 'commander'
import { VmoError } from '@openvmo/core'
import { generateDemoOrganisation } from '../../demo/generate-demo-organisation'
import type { DemoOrganisation } from '../../demo/generate-demo-organisation'
import { writeDemoFiles } from '../../demo/write-demo-files'
import { listDemoResultDefinitions } from '../../demo/result-definitions'
import { modelFromMapping } from '../../store/mapping-model'
import type { Store } from '../../store/store'
import type { CliIo } from '../cli-io'
import { parseAsOf } from '../load-flow-input'
import { withStore } from '../open-cli-store'
import { createProgress } from '../progress'

interface DemoOptions {
  db?: string
  seed: string
  asOf?: string
  files?: string
  force?: boolean
}

/**
 * Fills `store` with the demo organisation: items, mapping, model and business results, and the
 * items' data-quality findings as of the demo's now.
 */
export async function loadDemoIntoStore(
  store: Store,
  org: DemoOrganisation,
  io: CliIo,
): Promise<void> {
  const progress = createProgress(io, 'demo', 'items')
  try {
    await store.importRecords(org.records, {
      sourceKind: 'demo',
      onProgress: (p) => progress.update(p.inserted + p.updated + p.unchanged, org.records.length),
    })
  } finally {
    progress.stop()
  }
  // the model (products, teams, customers) is the mapping file's, as for every saved mapping
  await store.saveMappingVersion(org.mappingYaml, { model: modelFromMapping(org.mappingYaml) })
  await store.replaceBusinessResults(
    org.businessResults.map(({ stream, metric, date, value }) => ({ stream, metric, date, value })),
  )
  const at = new Date(io.now()).toISOString()
  for (const definition of listDemoResultDefinitions(Date.parse(org.asOf))) {
    await store.saveResultDefinition(definition, at)
  }
  // last: the stored findings rest on the data version of everything above
  await refreshStoredFindings(store, Date.parse(org.asOf), 'import')
}

/** `vmo demo`: a realistic generated organisation in the store (and optionally as files). */
export function registerDemoCommand(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description(
      'fill the store with the Acme demo: 5 value streams, 12 teams, ~25,000 items over two years in ServiceNow, Jira and GitHub',
    )
    .option('--db <path>', 'SQLite store file (default ./openvmo.db)')
    .option('--seed <n>', 'random seed; the same seed and as-of give the same organisation', '42')
    .option('--as-of <instant>', 'the demo\'s "now" (default: now)')
    .option(
      '--files <dir>',
      'also write history.ndjson, openvmo.yaml and business-results.csv into this folder',
    )
    .option('--force', 'load into a store that already has items')
    .action(async (options: DemoOptions) => {
      const org = generateDemoOrganisation({
        seed: Number(options.seed),
        asOfMs: parseAsOf(options.asOf, 'UTC', io),
      })
      if (options.files) await writeDemoFiles(options.files, org)
      await withStore({ ...options, mode: 'create' }, io, async (store, label) => {
        const { items } = await store.countItems()
        if (items > 0 && !options.force) {
          throw new VmoError(
            'CONFLICT',
            `${label} already holds ${items} items; pass --force to add the demo anyway, or use another --db`,
          )
        }
        await loadDemoIntoStore(store, org, io)
        io.stdout(
          `loaded the demo organisation into ${label}: ${org.records.length} items, ${org.streams.length} value streams, ${org.teams.length} teams, as of ${org.asOf}\n`,
        )
      })
    })
}
