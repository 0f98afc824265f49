import { Command, CommanderError } from 'commander'
import { isVmoError } from '@openvmo/core'
import type { CliIo } from './cli-io'
import { createProcessIo } from './cli-io'
import { EXIT_BAD_INPUT, EXIT_CODE_BY_ERROR, EXIT_OK, EXIT_RUNTIME } from './exit-codes'
import { registerMetricsCommand } from './commands/metrics-command'
import { registerForecastCommand } from './commands/forecast-command'
import { registerFlowCommand } from './commands/flow-command'
import { registerMapCommand } from './commands/map-command'
import { registerValidateCommand } from './commands/validate-command'
import { registerImportCommand } from './commands/import-command'
import { registerExportCommand } from './commands/export-command'
import { registerDemoCommand } from './commands/demo-command'
import { registerBackupCommands } from './commands/backup-command'
import { registerServeCommand } from './commands/serve-command'
import { registerSourceCommands } from './commands/source-command'
import { registerSyncCommand } from './commands/sync-command'
import { registerSecretsCommand } from './commands/secrets-command'
import { SOURCE_KINDS } from './sources/source-kind-list'

/** Builds the `vmo` program; `setExit` lets a command choose a non-zero exit without throwing. */
export function createProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('vmo')
    .description(
      'openvmo: Flow Framework metrics, bottlenecks and forecasts from your delivery tools',
    )
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError('(run vmo --help for usage)')
  registerMetricsCommand(program, io)
  registerForecastCommand(program, io, setExit)
  registerFlowCommand(program, io)
  registerMapCommand(program, io)
  registerValidateCommand(program, io, setExit)
  registerImportCommand(program, io)
  registerExportCommand(program, io)
  registerDemoCommand(program, io)
  registerBackupCommands(program, io)
  registerSourceCommands(program, io, SOURCE_KINDS)
  registerSyncCommand(program, io, { kinds: SOURCE_KINDS, setExit })
  registerSecretsCommand(program, io)
  registerServeCommand(program, io)
  return program
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
  const program = createProgram(io, (code) => (exit = code))
  try {
    await program.parseAsync([...argv])
    return exit
  } catch (error) {
    return exitCodeOf(error, io)
  }
}
