/** Where the CLI writes and what it may ask of the environment; tests pass their own. */
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  /** Whether stderr is an interactive terminal (progress bars are drawn only then). */
  isTty: boolean
  /** The current instant in epoch ms (the default as-of time). */
  now(): number
  env: Readonly<Record<string, string | undefined>>
}

/** The process's own IO. */
export function createProcessIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTty: Boolean(process.stderr.isTTY),
    now: () => Date.now(),
    env: process.env,
  }
}
