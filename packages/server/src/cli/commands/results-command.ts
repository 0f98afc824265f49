import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Command } from 'commander'
import type { ResultCategory, ResultDefinition, ResultDirection } from '@openvmo/core'
import {
  RESULT_CATEGORIES,
  RESULT_DIRECTIONS,
  VmoError,
  parseMappingYaml,
  resultStatus,
} from '@openvmo/core'
import type { Store } from '../../store/store'
import { auditCliWrite } from '../cli-audit'
import type { CliIo } from '../cli-io'
import { withStore } from '../open-cli-store'
import { readResultsCsv } from '../results/results-csv'

const DB_HELP = 'SQLite store file (default ./openvmo.db; $DATABASE_URL selects PostgreSQL)'

interface DefineOptions {
  stream: string
  metric: string
  category: string
  unit: string
  direction: string
  target?: string
  targetDate?: string
  description?: string
  db?: string
}

/** The value streams of the stored model and of the current mapping, by name. */
async function listStreamNames(store: Store): Promise<string[]> {
  const names = (await store.listValueStreams()).map((v) => v.name)
  const current = await store.findCurrentMapping()
  if (current !== undefined) {
    try {
      names.push(...parseMappingYaml(current.yaml, 'openvmo.yaml').valueStreams.map((v) => v.name))
    } catch {
      // a mapping that no longer parses names no streams; the model still does
    }
  }
  return [...new Set(names)]
}

async function getStreamName(store: Store, stream: string): Promise<string> {
  const names = await listStreamNames(store)
  const found = names.find((name) => name.toLowerCase() === stream.toLowerCase())
  if (found !== undefined) return found
  throw new VmoError(
    'NOT_FOUND',
    `unknown value stream "${stream}" (streams: ${names.join(', ') || 'none'})`,
  )
}

function parseTarget(text: string | undefined): number | null {
  if (text === undefined) return null
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value))
    throw new VmoError('INVALID_INPUT', `--target "${text}" is not a number`)
  return value
}

async function defineResult(store: Store, options: DefineOptions, io: CliIo) {
  const definition: ResultDefinition = {
    stream: await getStreamName(store, options.stream),
    metric: options.metric,
    category: options.category as ResultCategory,
    unit: options.unit.trim(),
    direction: options.direction as ResultDirection,
    target: parseTarget(options.target),
    targetDate: options.targetDate ?? null,
    description: options.description ?? null,
  }
  if (!/^[a-z0-9][a-z0-9_.-]{0,62}$/.test(definition.metric)) {
    throw new VmoError(
      'INVALID_INPUT',
      `--metric "${definition.metric}" must be lowercase letters, digits, "_", "." or "-"`,
    )
  }
  await store.saveResultDefinition(definition, new Date(io.now()).toISOString())
  await auditCliWrite(store, io, {
    action: 'results.define',
    target: `${definition.stream}/${definition.metric}`,
    detail: { unit: definition.unit, target: definition.target },
  })
  const target = definition.target === null ? 'no target' : `target ${definition.target}`
  io.stdout(
    `defined ${definition.metric} of ${definition.stream}: ${definition.category}, ${definition.unit}, ${definition.direction}, ${target}${definition.targetDate ? ` by ${definition.targetDate}` : ''}\n`,
  )
}

async function importResults(store: Store, file: string, io: CliIo) {
  const text = await readFile(file, 'utf8').catch((cause: unknown) => {
    throw new VmoError('NOT_FOUND', `cannot read "${file}"`, { cause })
  })
  const points = readResultsCsv(text, file, {
    streams: await listStreamNames(store),
    definitions: await store.listResultDefinitions(),
  })
  const { inserted, updated } = await store.upsertBusinessResults(points)
  await auditCliWrite(store, io, {
    action: 'results.import',
    target: basename(file),
    detail: { inserted, updated },
  })
  io.stdout(
    `imported ${points.length} points from ${basename(file)}: ${inserted} new, ${updated} updated\n`,
  )
}

async function listResults(store: Store, streamText: string, io: CliIo) {
  const stream = await getStreamName(store, streamText)
  const [points, definitions] = await Promise.all([
    store.listBusinessResults(stream),
    store.listResultDefinitions(stream),
  ])
  const metrics = [
    ...new Set([...definitions.map((d) => d.metric), ...points.map((p) => p.metric)]),
  ]
  if (metrics.length === 0) io.stdout(`${stream} has no business results\n`)
  for (const metric of metrics.sort()) {
    const definition = definitions.find((d) => d.metric === metric)
    const latest = points.filter((p) => p.metric === metric).at(-1)
    const what = definition
      ? `${definition.category}, ${definition.unit}, ${definition.direction}, ${definition.target === null ? 'no target' : `target ${definition.target}${definition.targetDate ? ` by ${definition.targetDate}` : ''}`}`
      : 'not defined'
    const last = latest ? `latest ${latest.value} on ${latest.date}` : 'no points'
    io.stdout(`${metric}: ${what}; ${last}; ${resultStatus(definition, latest)}\n`)
  }
}

/** `vmo results define|import|list`: business results with targets, per value stream. */
export function registerResultsCommands(program: Command, io: CliIo): void {
  const results = program
    .command('results')
    .description('business results per value stream: define them with targets, import, list')
  results
    .command('define')
    .description('create or replace what a stream wants of a result: unit, direction, target')
    .requiredOption('--stream <name>', 'the value stream')
    .requiredOption('--metric <name>', 'the result, e.g. revenue, incidents, nps')
    .requiredOption('--category <category>', RESULT_CATEGORIES.join(' | '))
    .requiredOption('--unit <unit>', 'e.g. EUR, %, count, score')
    .requiredOption('--direction <direction>', RESULT_DIRECTIONS.join(' | '))
    .option('--target <n>', 'the value to reach')
    .option('--target-date <YYYY-MM-DD>', 'when the target should be reached')
    .option('--description <text>', 'what the result measures')
    .option('--db <path>', DB_HELP)
    .action((options: DefineOptions) =>
      withStore({ ...options, mode: 'read-existing' }, io, (store) =>
        defineResult(store, options, io),
      ),
    )
  results
    .command('import')
    .description('add or correct points from a CSV (stream,metric,date,value[,unit]), all or none')
    .argument('<file>', 'the CSV file')
    .option('--db <path>', DB_HELP)
    .action((file: string, options: { db?: string }) =>
      withStore({ ...options, mode: 'read-existing' }, io, (store) =>
        importResults(store, file, io),
      ),
    )
  results
    .command('list')
    .description("a stream's results: definition, latest point, on or off target")
    .requiredOption('--stream <name>', 'the value stream')
    .option('--db <path>', DB_HELP)
    .action((options: { stream: string; db?: string }) =>
      withStore({ ...options, mode: 'read-existing' }, io, (store) =>
        listResults(store, options.stream, io),
      ),
    )
}
