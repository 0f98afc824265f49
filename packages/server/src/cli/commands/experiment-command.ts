import { writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import type { ExperimentDefinition, ExperimentReport } from '@openvmo/core'
import {
  EXPERIMENT_METRICS,
  VmoError,
  changeText,
  checkExperiment,
  experimentHtml,
  intervalText,
} from '@openvmo/core'
import { loadSnapshot } from '../../api/flow-snapshot'
import type { FlowSnapshot } from '../../api/flow-snapshot'
import {
  experimentContextOf,
  experimentReportView,
  experimentSuggestionsView,
} from '../../api/views/experiment-views'
import type { Store } from '../../store/store'
import { auditCliWrite } from '../cli-audit'
import type { CliIo } from '../cli-io'
import { parseAsOf } from '../load-flow-input'
import { withStore } from '../open-cli-store'
import { jsonText } from '../render/output-format'
import { renderSvg } from '../report/svg-charts'
import type { AddOptions } from '../experiments/experiment-options'
import { collect, definitionOf } from '../experiments/experiment-options'

const DB_HELP = 'SQLite store file (default ./openvmo.db; $DATABASE_URL selects PostgreSQL)'
const AS_OF_HELP = 'the as-of instant or date (default: now)'

async function snapshotAt(store: Store, asOf: string | undefined, io: CliIo) {
  const snapshot = await loadSnapshot(store, String(await store.dataVersion()))
  const zone = snapshot.mapping.config?.timezone ?? 'UTC'
  return { snapshot, asOfMs: parseAsOf(asOf, zone, io) }
}

/** The mapping's spelling of a stream named in any case (unknown names stay, to be refused). */
function spelled(snapshot: FlowSnapshot, name: string): string {
  const streams = snapshot.mapping.config?.valueStreams.map((s) => s.name) ?? []
  return streams.find((s) => s.toLowerCase() === name.toLowerCase()) ?? name
}

async function addExperiment(store: Store, options: AddOptions, io: CliIo) {
  const given = definitionOf(options)
  const { snapshot, asOfMs } = await snapshotAt(store, options.asOf, io)
  const definition: ExperimentDefinition = {
    ...given,
    scope: { ...given.scope, stream: spelled(snapshot, given.scope.stream) },
    control: given.control && { ...given.control, stream: spelled(snapshot, given.control.stream) },
  }
  checkExperiment(definition, experimentContextOf(snapshot, asOfMs))
  const old = await store.findExperiment(definition.id)
  if (old && old.definition.scope.stream !== definition.scope.stream) {
    throw new VmoError(
      'CONFLICT',
      `experiment "${definition.id}" belongs to "${old.definition.scope.stream}": choose another --id`,
    )
  }
  const created = await store.saveExperiment(definition, new Date(io.now()).toISOString())
  await auditCliWrite(store, io, {
    action: 'experiment.add',
    target: definition.id,
    detail: { stream: definition.scope.stream, replaced: !created },
  })
  io.stdout(
    `${created ? 'recorded' : 'replaced'} experiment ${definition.id} of ${definition.scope.stream}: change on ${definition.changeDate}; see it with vmo experiment show ${definition.id}\n`,
  )
}

async function listAll(store: Store, options: { stream?: string; json?: boolean }, io: CliIo) {
  const experiments = await store.listExperiments(options.stream)
  if (options.json) return io.stdout(jsonText({ experiments }))
  if (experiments.length === 0) io.stdout('no experiments recorded\n')
  for (const { definition: d } of experiments) {
    const targets = d.targets.map((t) => `${t.metric} ${t.direction}`).join(', ')
    io.stdout(`${d.id}\t${d.scope.stream}\t${d.changeDate}\t${d.name}\t(${targets})\n`)
  }
}

function reportText(report: ExperimentReport): string {
  const d = report.definition
  const w = report.windows
  const lines = [
    `${d.name} (${d.id}), ${d.scope.stream}${d.control ? `, control ${d.control.stream}` : ''}`,
    `hypothesis: ${d.hypothesis}`,
    `before ${w.before.from} to ${w.before.to}: ${w.before.completed} items; after ${w.after.from} to ${w.after.to}: ${w.after.completed} items`,
    `verdict: ${report.verdict.replace('_', ' ')}`,
    ...report.reasons.map((r) => `  - ${r.message}`),
    ...report.metrics.map((m) => {
      const metric = m.metric
      return `${metric}: ${m.before?.toFixed(2) ?? '–'} → ${m.after?.toFixed(2) ?? '–'}, ${changeText(m.effect.estimate)} (${intervalText(m.effect)})`
    }),
  ]
  return `${lines.join('\n')}\n`
}

async function showOne(
  store: Store,
  options: { id: string; json?: boolean; html?: string; asOf?: string },
  io: CliIo,
) {
  const { id } = options
  const stored = await store.findExperiment(id)
  if (!stored) throw new VmoError('NOT_FOUND', `no experiment "${id}" (vmo experiment list)`)
  const { snapshot, asOfMs } = await snapshotAt(store, options.asOf, io)
  const report = experimentReportView(snapshot, { definition: stored.definition, asOfMs })
  if (options.html) {
    await writeFile(options.html, experimentHtml(report, renderSvg))
    io.stderr(`wrote ${options.html}\n`)
  }
  io.stdout(options.json ? jsonText(report) : reportText(report))
}

async function suggest(
  store: Store,
  options: { stream: string; json?: boolean; asOf?: string },
  io: CliIo,
) {
  const { snapshot, asOfMs } = await snapshotAt(store, options.asOf, io)
  const stream = spelled(snapshot, options.stream)
  const result = experimentSuggestionsView(snapshot, { stream, asOfMs })
  if (options.json) return io.stdout(jsonText(result))
  if (result.suggestions.length === 0) io.stdout(`no change points in ${stream}'s last two years\n`)
  for (const s of result.suggestions) {
    const id = `${stream}-${s.metric}-${s.changeDate}`.toLowerCase().replace(/[^a-z0-9]+/g, '-')
    io.stdout(
      `${s.changeDate}: ${s.metric} ${s.direction} from ${s.beforeMedian.toFixed(1)} to ${s.afterMedian.toFixed(1)} a week (p = ${s.pValue.toPrecision(2)})\n` +
        `  record it: vmo experiment add --stream "${stream}" --id ${id} --name "…" --hypothesis "…" --change "…" --change-date ${s.changeDate} --target ${s.metric === 'throughput' ? 'throughput' : 'flow_time_p50'}:${s.direction}\n`,
    )
  }
}

/** `vmo experiment add|list|show|suggest`: process changes measured before against after. */
export function registerExperimentCommands(program: Command, io: CliIo): void {
  const experiment = program
    .command('experiment')
    .description('process changes measured before against after: add, list, show, suggest')
  experiment
    .command('add')
    .description('record (or replace) a process change as an experiment')
    .requiredOption('--stream <name>', 'the value stream that changed')
    .requiredOption('--id <slug>', 'a short id: lowercase letters, digits and "-"')
    .requiredOption('--name <text>', 'what to call it')
    .requiredOption('--hypothesis <text>', 'what should happen, in words')
    .requiredOption('--change <text>', 'what changed')
    .requiredOption('--change-date <YYYY-MM-DD>', 'when (the before window ends here)')
    .option('--rollout-end <YYYY-MM-DD>', 'end of a rollout period (the after window starts here)')
    .option('--before-days <n>', 'length of the before window', '91')
    .option('--after-days <n>', 'length of the after window', '91')
    .option('--team <name>', 'only these teams (repeatable)', collect, [])
    .option('--type <type>', 'only these Flow Item types (repeatable)', collect, [])
    .option(
      '--target <metric:direction[:percent]>',
      `${EXPERIMENT_METRICS.join(' | ')} : decrease | increase (repeatable)`,
      collect,
      [],
    )
    .option('--control <stream>', 'a stream that did not change, to compare with')
    .option('--as-of <instant>', AS_OF_HELP)
    .option('--db <path>', DB_HELP)
    .action((options: AddOptions) =>
      withStore({ ...options, mode: 'read-existing' }, io, (store) =>
        addExperiment(store, options, io),
      ),
    )
  experiment
    .command('list')
    .description('recorded experiments: id, stream, change date, name, targets')
    .option('--stream <name>', 'only this stream')
    .option('--json', 'JSON output')
    .option('--db <path>', DB_HELP)
    .action((options: { stream?: string; json?: boolean; db?: string }) =>
      withStore({ ...options, mode: 'read-existing' }, io, (store) => listAll(store, options, io)),
    )
  experiment
    .command('show')
    .description('measure an experiment: windows, every metric with its interval, the verdict')
    .argument('<id>', 'the experiment')
    .option('--json', 'the report as JSON')
    .option(
      '--html <file>',
      'also write the report as one self-contained HTML page with its charts',
    )
    .option('--as-of <instant>', AS_OF_HELP)
    .option('--db <path>', DB_HELP)
    .action((id: string, options: { json?: boolean; html?: string; asOf?: string; db?: string }) =>
      withStore({ ...options, mode: 'read-existing' }, io, (store) =>
        showOne(store, { ...options, id }, io),
      ),
    )
  experiment
    .command('suggest')
    .description("change points in a stream's weekly flow time and throughput, as candidates")
    .requiredOption('--stream <name>', 'the value stream')
    .option('--json', 'JSON output')
    .option('--as-of <instant>', AS_OF_HELP)
    .option('--db <path>', DB_HELP)
    .action((options: { stream: string; json?: boolean; asOf?: string; db?: string }) =>
      withStore({ ...options, mode: 'read-existing' }, io, (store) => suggest(store, options, io)),
    )
}
