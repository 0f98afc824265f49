/** Where the CLI writes and what it may ask of the environment; tests pass their own. */
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  /** Whether stderr is an interactive terminal (progress bars are drawn only then). */
  isTty: boolean
  /** The current instant in epoch ms (the default as-of time). */
  now(): number
  env: Readonly<Record<string, string | undefined>>
  /** Asks a question at the terminal and resolves the answer; absent when not interactive. */
  ask?(question: string): Promise<string>
}

/** Asks on stderr and reads one line of stdin. */
async function askAtTerminal(question: string): Promise<string> {
  const readline = await import('node:readline/promises')
  const prompt = readline.createInterface({ input: process.stdin, output: process.stderr })
  try {
    return await prompt.question(question)
  } finally {
    prompt.close()
  }
}

/** The process's own IO. */
export function createProcessIo(): CliIo {
  // A reader that stops early (`vmo validate --db | head`) closes the pipe: the rest of the output
  // has nobody to read it, so the command ends quietly, as Unix tools do, instead of crashing.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    process.exit(0)
  })
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTty: Boolean(process.stderr.isTTY),
    now: () => Date.now(),
    env: process.env,
    ...(process.stdin.isTTY ? { ask: askAtTerminal } : {}),
  }
}
