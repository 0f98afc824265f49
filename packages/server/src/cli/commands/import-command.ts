import { basename } from 'node:path'
import type { Command } from 'commander'
import { VmoError, findControlCharacter } from '@openvmo/core'
import type { WorkItemRecord } from '@openvmo/core'
import {
  IMPORT_FORMATS,
  isImportFormat,
  readImportFile,
  recogniseImportFormat,
} from '../../sources/files/import-file'
import type { ImportFileOptions, ImportFormat } from '../../sources/files/import-file'
import type { ImportOutcome, ImportResult } from '../../sources/files/import-result'
import { readImportSection } from '../../sources/files/import-config'
import { parseColumnMapping } from '../../sources/generic-csv/generic-csv-columns'
import { CrossSourceLinker } from '../../sources/links/detect-links'
import { readHistoryRecords } from '../../sources/ndjson/read-history-records'
import { scanHistoryKeys } from '../../sources/ndjson/scan-history-keys'
import type { CliIo } from '../cli-io'
import { auditCliWrite } from '../cli-audit'
import { withStore } from '../open-cli-store'
import { writeImportQualitySummary } from '../data-quality-summary'
import { refreshStoredFindings } from '../../store/stored-findings'
import { createProgress } from '../progress'
import { ValueTally, reportUnmappedValues } from '../unmapped-report'

interface ImportOptions {
  db?: string
  skipBad?: boolean
  format?: string
  source?: string
  baseUrl?: string
  timezone?: string
  transitions?: string
  columns?: string
  config?: string
  dryRun?: boolean
  /** `--no-quality` sets it false: no data-quality summary (it reads the whole store). */
  quality?: boolean
}

/** What the files are read with: the flags, over the `import:` section of `--config`. */
interface ResolvedImportOptions extends Omit<ImportOptions, 'columns'> {
  columns?: Record<string, string>
}

async function resolveOptions(options: ImportOptions): Promise<ResolvedImportOptions> {
  const section = options.config === undefined ? {} : await readImportSection(options.config)
  const flagColumns = options.columns === undefined ? {} : parseColumnMapping(options.columns)
  const columns = { ...section.columns, ...flagColumns }
  return {
    ...options,
    format: options.format ?? section.format,
    source: options.source ?? section.source,
    timezone: options.timezone ?? section.timezone,
    columns: Object.keys(columns).length > 0 ? columns : undefined,
  }
}

function describeOutcome(o: ImportOutcome): string {
  const where = o.line ? `${o.file}:${o.line}` : o.path ? `${o.file} ${o.path}` : o.file
  // a key with control characters is shown escaped, as the reason quotes it
  const key = o.key && findControlCharacter(o.key) ? JSON.stringify(o.key) : o.key
  return `${where}: ${key ? `${key}: ` : ''}${o.reason}`
}

function checkFormat(options: ResolvedImportOptions): ImportFileOptions {
  if (options.format && !isImportFormat(options.format)) {
    throw new VmoError(
      'INVALID_INPUT',
      `--format "${options.format}" is not one of ${IMPORT_FORMATS.join(', ')}`,
    )
  }
  const badSource = options.source === undefined ? undefined : findControlCharacter(options.source)
  if (badSource !== undefined) {
    throw new VmoError(
      'INVALID_INPUT',
      `--source ${JSON.stringify(options.source)} contains a ${badSource}`,
    )
  }
  return { ...options, format: options.format as ImportFileOptions['format'] }
}

/**
 * What a run imports: NDJSON files are streamed (only their keys are read up front, so a file of
 * millions of items never sits in memory); the other formats are read whole, with their outcomes.
 */
async function planImport(files: readonly string[], options: ResolvedImportOptions, io: CliIo) {
  const fileOptions = checkFormat(options)
  const streamed: string[] = []
  const records: WorkItemRecord[] = []
  const outcomes: ImportOutcome[] = []
  const read: ReadFile[] = []
  for (const file of files) {
    const format = fileOptions.format ?? (await detectFormat(file, fileOptions.columns, io))
    if (format === 'ndjson') {
      streamed.push(file)
      read.push({ file, format })
      continue
    }
    const result = await readImportFile(file, { ...fileOptions, format })
    records.push(...result.records)
    outcomes.push(...result.outcomes)
    read.push({ file, format, items: result.records.length, columns: result.columns })
  }
  const keys: { source: string; key: string }[] = [...records]
  for (const file of streamed) for (const key of await scanHistoryKeys(file)) keys.push(key)
  const items = keys.length
  return { streamed, records, outcomes, linker: new CrossSourceLinker(keys), items, read }
}

/** One file of a run: its format and, read whole, its item count and columns. */
interface ReadFile {
  file: string
  format: ImportFormat
  items?: number
  columns?: ImportResult['columns']
}

/** The detected format of `file`, with what showed it (on stderr, so a wrong guess is visible). */
async function detectFormat(
  file: string,
  columns: Readonly<Record<string, string>> | undefined,
  io: CliIo,
): Promise<ImportFormat> {
  const { format, evidence } = await recogniseImportFormat(file, columns)
  io.stderr(`${file}: ${evidence}\n`)
  return format
}

const BY = { name: 'its name', mapping: 'column mapping', alias: 'a name for the resolution date' }

/** `--dry-run`: what each file is, what each column became, what would be imported. */
function describeDryRun(
  plan: Awaited<ReturnType<typeof planImport>>,
  source: string | undefined,
  io: CliIo,
): void {
  for (const { file, format, items, columns } of plan.read) {
    io.stdout(`${file}: ${format}${items === undefined ? '' : `, ${items} item(s)`}\n`)
    if (source !== undefined && format !== 'ndjson') {
      io.stdout(`  ${'source'.padEnd(9)} = "${source}" (--source)\n`)
    }
    for (const c of columns ?? []) {
      io.stdout(`  ${c.role.padEnd(9)} <- "${c.column}" (${BY[c.by]})\n`)
    }
  }
  for (const o of plan.outcomes) {
    io.stdout(`${o.severity === 'error' ? 'would skip' : o.severity}: ${describeOutcome(o)}\n`)
  }
  io.stdout(`dry run: ${plan.items} item(s) read, nothing was written\n`)
}

/** What `--timezone` did, for the summary: local times and dates alone were read in the zone. */
function timezoneNote(zone: string): string {
  return `timestamps without an offset were read in ${zone}; a date without a time is the start of that day there`
}

function badItemsError(errors: readonly ImportOutcome[]): VmoError {
  return new VmoError(
    'INVALID_INPUT',
    `nothing was imported: ${errors.length} bad item(s):\n${errors.map((o) => `  ${describeOutcome(o)}`).join('\n')}\n(fix them, or pass --skip-bad to import the rest)`,
  )
}

/**
 * `vmo import FILE…`: NDJSON history, Jira REST JSON (a search page, a folder of pages or single
 * issues), Jira CSV exports, the generic CSV and GitHub issues with their timelines (JSON lines),
 * into the store. All-or-nothing per run: a bad item
 * in any file aborts the whole run (nothing is written) and is reported with file, line and
 * reason; `--skip-bad` imports the rest and lists what was skipped. Importing twice changes nothing.
 */
export function registerImportCommand(program: Command, io: CliIo): void {
  program
    .command('import')
    .description(
      'import history files into the store (ndjson, Jira JSON, Jira CSV, generic CSV, GitHub issues JSON lines); all-or-nothing unless --skip-bad',
    )
    .argument('<files...>', 'files or folders (Jira JSON pages)')
    .option(
      '--db <path>',
      'SQLite store file (default ./openvmo.db or $OPENVMO_DB; $DATABASE_URL selects PostgreSQL)',
    )
    .option('--skip-bad', 'import the good items and list the bad ones')
    .option(
      '--format <format>',
      'ndjson, jira_json, jira_csv, generic_csv or github_json (default: detected from the content)',
    )
    .option(
      '--source <name>',
      'source name of every item (default jira, github; generic CSV: its source column)',
    )
    .option('--base-url <url>', 'Jira site, for links to issues')
    .option(
      '--timezone <zone>',
      'IANA zone of timestamps without an offset (required for Jira CSV)',
    )
    .option('--transitions <file>', 'transitions CSV that goes with a generic CSV')
    .option(
      '--columns <role=column,...>',
      'generic CSV: read roles from other columns, e.g. key=issue_key,created=created_at,resolved=resolutiondate',
    )
    .option(
      '--config <file>',
      'openvmo.yaml whose import section (format, source, timezone, columns) applies',
    )
    .option('--dry-run', 'read the files and show what each column became; write nothing')
    .option(
      '--no-quality',
      'skip the data-quality summary and the stored per-item findings at the end (they read the whole store)',
    )
    .action(async (files: string[], flags: ImportOptions) => {
      const options = await resolveOptions(flags)
      const plan = await planImport(files, options, io)
      if (options.dryRun) return describeDryRun(plan, options.source, io)
      const outcomes = plan.outcomes
      if (!options.skipBad && outcomes.some((o) => o.severity === 'error')) {
        throw badItemsError(outcomes.filter((o) => o.severity === 'error'))
      }
      let imported = 0
      const tally = new ValueTally()
      // Bad NDJSON lines turn up while the import runs: all of them are collected, and without
      // --skip-bad the error is thrown at the end, inside the import, which rolls it back.
      async function* runRecords(): AsyncIterable<WorkItemRecord> {
        for (const record of plan.records) {
          imported++
          tally.add(record)
          yield plan.linker.withLinks(record)
        }
        for (const file of plan.streamed) {
          const reading = readHistoryRecords(file, { skipBad: true, timezone: options.timezone })
          let next = await reading.next()
          for (; !next.done; next = await reading.next()) {
            imported++
            tally.add(next.value)
            yield plan.linker.withLinks(next.value)
          }
          for (const { line, reason } of next.value.skipped)
            outcomes.push({ file, line, severity: 'error', reason })
        }
        const errors = outcomes.filter((o) => o.severity === 'error')
        if (errors.length > 0 && !options.skipBad) throw badItemsError(errors)
      }
      const result = await withStore({ ...options, mode: 'create' }, io, async (store, label) => {
        const progress = createProgress(io, 'importing', 'items')
        try {
          const r = await store.importRecords(runRecords(), {
            sourceKind: options.format,
            onProgress: (p) => progress.update(p.inserted + p.updated + p.unchanged, plan.items),
          })
          progress.stop()
          await reportUnmappedValues(store, tally, io)
          const quality =
            options.quality === false
              ? undefined
              : await refreshStoredFindings(store, io.now(), 'import')
          await auditCliWrite(store, io, {
            action: 'import',
            target: files.map((file) => basename(file)).join(', '),
            detail: {
              items: imported,
              inserted: r.inserted,
              updated: r.updated,
              changes: r.changes,
              skipped: outcomes.filter((o) => o.severity === 'error').length,
            },
          })
          return { ...r, label, quality }
        } finally {
          progress.stop()
        }
      })
      for (const o of outcomes)
        io.stderr(`${o.severity === 'error' ? 'skipped' : o.severity}: ${describeOutcome(o)}\n`)
      const errors = outcomes.filter((o) => o.severity === 'error')
      if (options.timezone !== undefined) io.stdout(`${timezoneNote(options.timezone)}\n`)
      io.stdout(
        `imported ${imported} items into ${result.label}: ${result.inserted} new, ${result.updated} changed, ${result.unchanged} unchanged, ${result.changes} changes${errors.length ? `; ${errors.length} skipped` : ''}\n`,
      )
      if (options.quality !== false) writeImportQualitySummary(result.quality, io)
    })
}
