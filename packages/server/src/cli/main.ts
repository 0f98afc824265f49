import { Command, CommanderError, Help } from 'commander'
import { isVmoError } from '@openvmo/core'
import type { CliIo } from './cli-io'
import { createProcessIo } from './cli-io'
import { EXIT_BAD_INPUT, EXIT_CODE_BY_ERROR, EXIT_OK, EXIT_RUNTIME } from './exit-codes'

type SetExit = (code: number) => void
type Register = (program: Command, io: CliIo, setExit: SetExit) => void

/**
 * A top-level command: how `vmo --help` lists it and how its module is loaded. Only the module
 * of the command being run is imported, so `vmo --help` loads no engine, store or server and a
 * file-based command loads no store or HTTP server (main.test.ts checks the listing against the
 * commands' own definitions).
 */
interface LazyCommand {
  /** The names and arguments as the root help lists them; the first word is the command. */
  terms: readonly { term: string; description: string }[]
  load(): Promise<Register>
}

const COMMANDS: readonly LazyCommand[] = [
  {
    terms: [
      {
        term: 'metrics [options]',
        description:
          'the five Flow Metrics per period, with lead time, canceled and reopened counts',
      },
    ],
    load: async () => {
      const { registerMetricsCommand } = await import('./commands/metrics-command')
      return (program, io) => registerMetricsCommand(program, io)
    },
  },
  {
    terms: [
      {
        term: 'deps [options]',
        description:
          'which teams or value streams held up the items while they waited, and how long',
      },
    ],
    load: async () => {
      const { registerDepsCommand } = await import('./commands/deps-command')
      return (program, io) => registerDepsCommand(program, io)
    },
  },
  {
    terms: [
      {
        term: 'report [options]',
        description:
          'write the whole analysis to a folder: Flow Metrics, CFD, time in state, aging, flow times, throughput, forecasts, data quality (JSON, CSV) and index.html with the charts',
      },
    ],
    load: async () => {
      const { registerReportCommand } = await import('./commands/report-command')
      return (program, io) => registerReportCommand(program, io)
    },
  },
  {
    terms: [{ term: 'forecast', description: 'Monte Carlo forecasts: when, how many, one item' }],
    load: async () => {
      const { registerForecastCommand } = await import('./commands/forecast-command')
      return (program, io, setExit) => registerForecastCommand(program, io, setExit)
    },
  },
  {
    terms: [
      {
        term: 'flow',
        description: 'flow analysis: cumulative flow, time in state, aging work in progress',
      },
    ],
    load: async () => {
      const { registerFlowCommand } = await import('./commands/flow-command')
      return (program, io) => registerFlowCommand(program, io)
    },
  },
  {
    terms: [{ term: 'map', description: 'mapping of tool states and types to the Flow Framework' }],
    load: async () => {
      const { registerMapCommand } = await import('./commands/map-command')
      return (program, io) => registerMapCommand(program, io)
    },
  },
  {
    terms: [
      {
        term: 'model',
        description:
          'the organisation model (value streams, products, teams, customers) as a YAML file',
      },
    ],
    load: async () => {
      const { registerModelCommand } = await import('./commands/model-command')
      return (program, io) => registerModelCommand(program, io)
    },
  },
  {
    terms: [
      {
        term: 'validate [options]',
        description: 'check a history file and/or a mapping file, and the mapping against the data',
      },
    ],
    load: async () => {
      const { registerValidateCommand } = await import('./commands/validate-command')
      return registerValidateCommand
    },
  },
  {
    terms: [
      {
        term: 'import [options] <files...>',
        description:
          'import history files into the store (ndjson, Jira JSON, Jira CSV, generic CSV, GitHub issues JSON lines); all-or-nothing unless --skip-bad',
      },
    ],
    load: async () => {
      const { registerImportCommand } = await import('./commands/import-command')
      return (program, io) => registerImportCommand(program, io)
    },
  },
  {
    terms: [
      {
        term: 'export [options]',
        description:
          'write the stored items as NDJSON history (.ndjson or .ndjson.gz); import of the file gives the same store',
      },
    ],
    load: async () => {
      const { registerExportCommand } = await import('./commands/export-command')
      return (program, io) => registerExportCommand(program, io)
    },
  },
  {
    terms: [
      {
        term: 'demo [options]',
        description:
          'fill the store with the Acme demo: 5 value streams, 12 teams, ~25,000 items over two years in ServiceNow, Jira and GitHub',
      },
    ],
    load: async () => {
      const { registerDemoCommand } = await import('./commands/demo-command')
      return (program, io) => registerDemoCommand(program, io)
    },
  },
  {
    terms: [
      {
        term: 'backup [options]',
        description:
          'copy the SQLite store while it is in use (for PostgreSQL, prints the pg_dump command)',
      },
      {
        term: 'restore [options] <file>',
        description: 'replace the SQLite store with a backup (checked first; --force to overwrite)',
      },
    ],
    load: async () => {
      const { registerBackupCommands } = await import('./commands/backup-command')
      return (program, io) => registerBackupCommands(program, io)
    },
  },
  {
    terms: [{ term: 'source', description: 'the tools openvmo syncs from' }],
    load: async () => {
      const [{ registerSourceCommands }, { SOURCE_KINDS }] = await Promise.all([
        import('./commands/source-command'),
        import('./sources/source-kind-list'),
      ])
      return (program, io) => registerSourceCommands(program, io, SOURCE_KINDS)
    },
  },
  {
    terms: [
      {
        term: 'sync [options] [status]',
        description: 'sync the sources into the store (vmo sync status: where each source stands)',
      },
    ],
    load: async () => {
      const [{ registerSyncCommand }, { SOURCE_KINDS }] = await Promise.all([
        import('./commands/sync-command'),
        import('./sources/source-kind-list'),
      ])
      return (program, io, setExit) =>
        registerSyncCommand(program, io, { kinds: SOURCE_KINDS, setExit })
    },
  },
  {
    terms: [
      {
        term: 'results',
        description: 'business results per value stream: define them with targets, import, list',
      },
    ],
    load: async () => {
      const { registerResultsCommands } = await import('./commands/results-command')
      return (program, io) => registerResultsCommands(program, io)
    },
  },
  {
    terms: [
      {
        term: 'experiment',
        description: 'process changes measured before against after: add, list, show, suggest',
      },
    ],
    load: async () => {
      const { registerExperimentCommands } = await import('./commands/experiment-command')
      return (program, io) => registerExperimentCommands(program, io)
    },
  },
  {
    terms: [{ term: 'secrets', description: 'stored tokens' }],
    load: async () => {
      const { registerSecretsCommand } = await import('./commands/secrets-command')
      return (program, io) => registerSecretsCommand(program, io)
    },
  },
  {
    terms: [
      { term: 'user', description: 'local accounts who may sign in to the server' },
      {
        term: 'audit [options]',
        description: 'the audit log, newest first: sign-ins, tokens, user changes and every write',
      },
    ],
    load: async () => {
      const [{ registerUserCommands }, { registerAuditCommand }] = await Promise.all([
        import('./commands/user-command'),
        import('./commands/audit-command'),
      ])
      return (program, io) => {
        registerUserCommands(program, io)
        registerAuditCommand(program, io)
      }
    },
  },
  {
    terms: [
      {
        term: 'serve [options]',
        description:
          'serve the HTTP API at /api/v1 (OpenAPI at /api/openapi.json, reference at /api/docs) and the dashboard',
      },
    ],
    load: async () => {
      const { registerServeCommand } = await import('./commands/serve-command')
      return (program, io) => registerServeCommand(program, io)
    },
  },
]

const nameOf = (term: string) => term.split(' ')[0] ?? term

/**
 * The width help text is wrapped at: 80 columns, or a narrower terminal's width. Fixed rather
 * than the terminal's, so that the root help the build renders ahead (bin/vmo.mjs prints it
 * without loading the CLI) is the text this would print.
 */
export function helpWidth(io: Pick<CliIo, 'columns'>): number {
  return io.columns === undefined ? 80 : Math.min(io.columns, 80)
}

function createRoot(io: CliIo): Command {
  return new Command('vmo')
    .description(
      'openvmo: Flow Framework metrics, bottlenecks and forecasts from your delivery tools',
    )
    .version('0.1.0')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      getOutHelpWidth: () => helpWidth(io),
      getErrHelpWidth: () => helpWidth(io),
    })
    .showHelpAfterError('(run vmo --help for usage)')
}

/** Builds the whole `vmo` program; `setExit` lets a command choose a non-zero exit without throwing. */
export async function createProgram(io: CliIo, setExit: SetExit): Promise<Command> {
  const program = createRoot(io)
  for (const register of await Promise.all(COMMANDS.map((command) => command.load())))
    register(program, io, setExit)
  return program
}

/** The command `argv` runs (`vmo help X` runs X's help), if it is one of {@link COMMANDS}. */
function commandOf(argv: readonly string[]): LazyCommand | undefined {
  const operands = argv.slice(2).filter((arg) => !arg.startsWith('-'))
  const name = operands[0] === 'help' ? operands[1] : operands[0]
  return COMMANDS.find((command) => command.terms.some(({ term }) => nameOf(term) === name))
}

/**
 * The program for `argv`: the command it names, fully defined; otherwise (the root help, the
 * version, an unknown command) every command as a listing only.
 */
async function programFor(argv: readonly string[], io: CliIo, setExit: SetExit) {
  const program = createRoot(io)
  const command = commandOf(argv)
  if (command) {
    ;(await command.load())(program, io, setExit)
    return program
  }
  const terms = new Map<string, string>()
  for (const { term, description } of COMMANDS.flatMap((c) => c.terms)) {
    terms.set(nameOf(term), term)
    program.command(nameOf(term)).description(description)
  }
  return program.configureHelp({
    subcommandTerm: (sub) => terms.get(sub.name()) ?? new Help().subcommandTerm(sub),
  })
}

function exitCodeOf(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT
  }
  if (isVmoError(error)) {
    io.stderr(`vmo: ${error.message}\n`)
    return EXIT_CODE_BY_ERROR[error.code]
  }
  io.stderr(
    `vmo: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  return EXIT_RUNTIME
}

/**
 * Runs `vmo` with `argv` (as in process.argv, node and script first) and returns the exit code:
 * 0 ok, 1 runtime error, 2 bad input. Errors are printed once, here.
 */
export async function main(
  argv: readonly string[],
  io: CliIo = createProcessIo(),
): Promise<number> {
  let exit = EXIT_OK
  try {
    const program = await programFor(argv, io, (code) => (exit = code))
    await program.parseAsync([...argv])
    return exit
  } catch (error) {
    return exitCodeOf(error, io)
  }
}
