import type { Command } from 'commander'
import {
  compileMapping,
  computeDataQuality,
  deriveTimelines,
  isVmoError,
  parseMappingYaml,
  selectItems,
  VmoError,
} from '@openvmo/core'
import type { DataQualityReport } from '@openvmo/core'
import { readUtf8File } from '../../sources/files/text-file'
import { readStoredFindings } from '../../store/stored-findings'
import type { CliIo } from '../cli-io'
import { loadFlowInput, loadHistoryFile, parseAsOf } from '../load-flow-input'
import { dataQualityOf, writeDataQualitySummary } from '../data-quality-summary'
import { EXIT_BAD_INPUT, EXIT_OK } from '../exit-codes'

interface ValidateOptions {
  input?: string
  config?: string
  timezone?: string
  asOf?: string
  db?: string
  json?: boolean
}

/**
 * `vmo validate --db`: the data-quality findings of the items in the store, summed up and listed
 * per item; `--json` prints the report as the API's `/flow/data-quality` has it. Reads the
 * findings stored per item at the end of the last import or sync when they are current (same
 * mapping version and data); computes them afresh otherwise, or with `--config` or `--as-of`.
 */
async function validateStore(options: ValidateOptions, io: CliIo): Promise<void> {
  if (options.config === undefined && options.asOf === undefined) {
    const { withStore } = await import('../open-cli-store')
    const stored = await withStore({ db: options.db }, io, async (store, label) => {
      const found = await readStoredFindings(store)
      return found && { ...found, label }
    })
    if (stored) {
      const { report, state, label } = stored
      if (options.json) return io.stdout(`${JSON.stringify(report, null, 2)}\n`)
      io.stdout(
        `${label}: ${report.itemsChecked} items; findings stored by the ${state.by} of ${state.computedAt} (as of ${state.asOf}, mapping version ${state.mappingVersion})\n`,
      )
      return writeItems(report, io)
    }
  }
  const input = await loadFlowInput(
    { db: options.db, config: options.config, asOf: options.asOf },
    io,
  )
  const report = dataQualityOf(input)
  if (options.json) return io.stdout(`${JSON.stringify(report, null, 2)}\n`)
  io.stdout(`${input.origin}: ${input.dataset.itemCount} items; findings computed now\n`)
  writeItems(report, io)
}

function writeItems(report: DataQualityReport, io: CliIo): void {
  writeDataQualitySummary(report, io)
  for (const item of report.items) {
    io.stdout(`${item.source}:${item.key}: ${item.flags.join(', ')}\n`)
  }
}

function listProblems(error: VmoError): string[] {
  const problems = error.details?.problems
  return Array.isArray(problems)
    ? problems.map((p) => `  ${String((p as { message?: string }).message ?? JSON.stringify(p))}`)
    : []
}

/**
 * `vmo validate`: checks a history file (every bad line, not only the first), a mapping file, and
 * the mapping against the data (unmapped values with counts), then the data-quality report.
 * Exit code 2 when anything is invalid.
 */
export function registerValidateCommand(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
  program
    .command('validate')
    .description('check a history file and/or a mapping file, and the mapping against the data')
    .option('--input <file>', 'NDJSON history')
    .option('--config <file>', 'mapping and model YAML')
    .option('--timezone <zone>', 'IANA zone for input timestamps that lack an offset')
    .option('--as-of <instant>', 'as-of time for the data-quality report')
    .option('--db <path>', 'read the store instead: list the items with data-quality findings')
    .option('--json', 'with --db: the findings as JSON')
    .action(async (options: ValidateOptions) => {
      if (options.db !== undefined) {
        if (options.input) throw new VmoError('INVALID_INPUT', 'pass --db or --input, not both')
        return validateStore(options, io)
      }
      if (!options.input && !options.config)
        throw new VmoError('INVALID_INPUT', 'vmo validate needs --input and/or --config, or --db')
      let ok = true
      const config = options.config
        ? parseMappingYaml(await readUtf8File(options.config), options.config)
        : undefined
      if (config)
        io.stdout(
          `${options.config}: valid mapping (${config.valueStreams.length} value streams, ${config.rules.length} rules)\n`,
        )
      if (!options.input) return
      const loaded = await loadHistoryFile(options.input, { ...options, skipBad: true }, io)
      io.stdout(
        `${options.input}: ${loaded.items} items, ${loaded.changes} changes, ${loaded.skipped.length} bad lines\n`,
      )
      for (const s of loaded.skipped) io.stdout(`  ${options.input}:${s.line}: ${s.reason}\n`)
      ok = loaded.skipped.length === 0
      if (config) {
        try {
          const mapping = compileMapping(config, loaded.dataset)
          const timelines = deriveTimelines(
            loaded.dataset,
            mapping,
            parseAsOf(options.asOf, config.timezone, io),
          )
          const input = { dataset: loaded.dataset, mapping, timelines }
          const quality = computeDataQuality(input, selectItems(loaded.dataset, mapping), 20)
          io.stdout(
            `mapping covers every status and type; ${quality.itemsWithFindings} of ${quality.itemsChecked} items have data-quality findings\n`,
          )
          for (const f of quality.findings) io.stdout(`  ${f.flag}: ${f.items} items (${f.rule})\n`)
        } catch (error) {
          if (!isVmoError(error)) throw error
          ok = false
          io.stdout(`${error.message}\n${listProblems(error).join('\n')}\n`)
        }
      }
      setExit(ok ? EXIT_OK : EXIT_BAD_INPUT)
    })
}
