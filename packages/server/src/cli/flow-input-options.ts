import type { Command } from 'commander'

/** Options every engine command takes: where the history and mapping come from, and the as-of time. */
export interface FlowInputOptions {
  input?: string
  config?: string
  db?: string
  asOf?: string
  timezone?: string
  skipBad?: boolean
  /** Keep the records of an `--input` file (set when the mapping has `labelStates`). */
  keepRecords?: boolean
}

/** Adds the {@link FlowInputOptions} flags to a command. */
export function addFlowInputOptions(command: Command): Command {
  return command
    .option(
      '--input <file>',
      'NDJSON history (.ndjson or .ndjson.gz); without it the store is read',
    )
    .option(
      '--config <file>',
      'mapping and model YAML (openvmo.yaml); with the store, its saved mapping is the default',
    )
    .option(
      '--db <path>',
      'SQLite store file (default ./openvmo.db or $OPENVMO_DB; $DATABASE_URL selects PostgreSQL)',
    )
    .option(
      '--as-of <instant>',
      'compute as of this instant (ISO-8601 with offset, or a date meaning its midnight); default now',
    )
    .option('--timezone <zone>', 'IANA zone for input timestamps that lack an offset')
    .option('--skip-bad', 'skip bad input lines and list them instead of stopping')
}
