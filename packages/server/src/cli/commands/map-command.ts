import { writeFile, access } from 'node:fs/promises'
import type { Command } from 'commander'
import { renderSuggestedMappingYaml, suggestMapping, VmoError } from '@openvmo/core'
import type { FlowDataset } from '@openvmo/core'
import type { CliIo } from '../cli-io'
import { loadHistoryFile } from '../load-flow-input'
import { withStore } from '../open-cli-store'
import { reportSkipped } from '../report-skipped'

interface SuggestOptions {
  input?: string
  db?: string
  out?: string
  force?: boolean
  timezone?: string
  skipBad?: boolean
}

async function datasetFor(options: SuggestOptions, io: CliIo): Promise<FlowDataset> {
  if (!options.input) return withStore(options, io, (store) => store.loadFlowDataset())
  const loaded = await loadHistoryFile(options.input, options, io)
  reportSkipped(io, loaded.skipped, options.input)
  return loaded.dataset
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

/** `vmo map suggest`: a starting mapping YAML from the data. */
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
      const dataset = await datasetFor(options, io)
      const suggestion = suggestMapping(dataset)
      const yaml = renderSuggestedMappingYaml(suggestion)
      if (!options.out) return io.stdout(yaml)
      await writeNew(options.out, yaml, options.force)
      io.stderr(
        `wrote ${options.out}: ${suggestion.statuses.length} statuses and ${suggestion.types.length} types from ${dataset.itemCount} items; review the suggestions marked "by position"\n`,
      )
    })
}
