import { basename } from 'node:path'
import { access, readFile, writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import {
  compileMapping,
  parseMappingYaml,
  renderSuggestedMappingYaml,
  suggestMapping,
  VmoError,
} from '@openvmo/core'
import type { FlowDataset, StatusHint } from '@openvmo/core'
import { readEnvironment } from '../../config/environment'
import { resolveSourceToken } from '../../config/source-token'
import type { Store } from '../../store/store'
import type { CliIo } from '../cli-io'
import { auditCliWrite } from '../cli-audit'
import { loadHistoryFile } from '../load-flow-input'
import type { CliStoreOptions } from '../open-cli-store'
import { reportSkipped } from '../report-skipped'

/**
 * Runs `use` on the CLI's store. The store, its database drivers and the connectors are loaded
 * only here, so `vmo map suggest --input` of a history file loads none of them.
 */
async function withStore<T>(
  options: CliStoreOptions,
  io: CliIo,
  use: (store: Store, label: string) => Promise<T>,
): Promise<T> {
  const { withStore: withCliStore } = await import('../open-cli-store')
  return withCliStore(options, io, use)
}

interface SuggestOptions {
  input?: string
  db?: string
  out?: string
  force?: boolean
  timezone?: string
  skipBad?: boolean
}

/**
 * The synced sources' own classification of their statuses (Jira's status categories), read
 * from the tools now; a source that cannot be asked is named on stderr and left out.
 */
async function statusHintsOf(store: Store, io: CliIo): Promise<StatusHint[]> {
  const hints: StatusHint[] = []
  const env = readEnvironment(io.env)
  const { SOURCE_KINDS } = await import('../sources/source-kind-list')
  for (const info of await store.listSources()) {
    const source = await store.findSource(info.name)
    const kind = SOURCE_KINDS.find((k) => k.kind === source?.kind)
    if (!source || !kind?.statusHints) continue
    try {
      const token = resolveSourceToken(source, { env, variables: io.env })
      hints.push(...(await kind.statusHints({ source, token })))
    } catch (error) {
      io.stderr(
        `warning: the statuses of ${source.name} could not be read (${(error as Error).message}); its statuses are suggested from their names and positions\n`,
      )
    }
  }
  return hints
}

async function datasetFor(
  options: SuggestOptions,
  io: CliIo,
): Promise<{ dataset: FlowDataset; statusHints: StatusHint[] }> {
  if (!options.input) {
    return withStore(options, io, async (store) => ({
      dataset: await store.loadFlowDataset(),
      statusHints: await statusHintsOf(store, io),
    }))
  }
  const loaded = await loadHistoryFile(options.input, options, io)
  reportSkipped(io, loaded.skipped, options.input)
  return { dataset: loaded.dataset, statusHints: [] }
}

async function writeNew(path: string, text: string, force: boolean | undefined): Promise<void> {
  const exists = await access(path).then(
    () => true,
    () => false,
  )
  if (exists && !force)
    throw new VmoError('INVALID_INPUT', `"${path}" exists; pass --force to overwrite it`)
  await writeFile(path, text, 'utf8')
}

async function readMappingFile(path: string): Promise<string> {
  return readFile(path, 'utf8').catch((cause: unknown) => {
    throw new VmoError('NOT_FOUND', `cannot read the mapping file "${path}"`, { cause })
  })
}

/**
 * `vmo map save FILE`: checks the mapping against the stored items (every status and type
 * mapped, as `PUT /api/v1/mapping` requires) and saves it as the store's next mapping version.
 */
function registerSave(map: Command, io: CliIo): void {
  map
    .command('save')
    .description(
      "save a mapping file as the store's current mapping (checked against the stored items first)",
    )
    .argument('<file>', 'the openvmo.yaml to save')
    .option(
      '--db <path>',
      'SQLite store file (default ./openvmo.db; $DATABASE_URL selects PostgreSQL)',
    )
    .action(async (file: string, options: { db?: string }) => {
      const yaml = await readMappingFile(file)
      const config = parseMappingYaml(yaml, file)
      await withStore(options, io, async (store, label) => {
        const { loadMappedDataset } = await import('../../store/mapped-dataset')
        compileMapping(config, await loadMappedDataset(store, config))
        const { modelFromMapping } = await import('../../store/mapping-model')
        const version = await store.saveMappingVersion(yaml, { model: modelFromMapping(yaml) })
        await auditCliWrite(store, io, {
          action: 'mapping.save',
          target: basename(file),
          detail: { version },
        })
        io.stdout(`saved ${file} as mapping version ${version} of ${label}\n`)
      })
    })
}

/** `vmo map show`: the store's current mapping file. */
function registerShow(map: Command, io: CliIo): void {
  map
    .command('show')
    .description("print the store's current mapping file")
    .option(
      '--db <path>',
      'SQLite store file (default ./openvmo.db; $DATABASE_URL selects PostgreSQL)',
    )
    .action(async (options: { db?: string }) => {
      const current = await withStore(options, io, (store) => store.findCurrentMapping())
      if (!current) {
        throw new VmoError(
          'NOT_FOUND',
          'the store has no mapping yet: write one with vmo map suggest --out openvmo.yaml, then vmo map save openvmo.yaml',
        )
      }
      io.stdout(current.yaml.endsWith('\n') ? current.yaml : `${current.yaml}\n`)
    })
}

/** `vmo map suggest|save|show`: a starting mapping from the data; the store's mapping. */
export function registerMapCommand(program: Command, io: CliIo): void {
  const map = program
    .command('map')
    .description('mapping of tool states and types to the Flow Framework')
  map
    .command('suggest')
    .description(
      'write a starting openvmo.yaml from the data: every status and type with counts, in order of first appearance, with a suggested flow state',
    )
    .option('--input <file>', 'NDJSON history; without it the store is read')
    .option('--db <path>', 'SQLite store file')
    .option('--out <file>', 'write the YAML to this file instead of stdout')
    .option('--force', 'overwrite --out when it exists')
    .option('--timezone <zone>', 'IANA zone for input timestamps that lack an offset')
    .option('--skip-bad', 'skip bad input lines')
    .action(async (options: SuggestOptions) => {
      const { dataset, statusHints } = await datasetFor(options, io)
      const suggestion = suggestMapping(dataset, { statusHints })
      const yaml = renderSuggestedMappingYaml(suggestion)
      if (!options.out) return io.stdout(yaml)
      await writeNew(options.out, yaml, options.force)
      io.stderr(
        `wrote ${options.out}: ${suggestion.statuses.length} statuses and ${suggestion.types.length} types from ${dataset.itemCount} items; review the suggestions marked "by position", then save it with vmo map save ${options.out}\n`,
      )
    })
  registerSave(map, io)
  registerShow(map, io)
}
