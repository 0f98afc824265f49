/** Where the CLI writes and what it may ask of the environment; tests pass their own. */
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  /** Whether stderr is an interactive terminal (progress bars are drawn only then). */
  isTty: boolean
  /** The width of the terminal stdout is, when it is one. */
  columns?: number
  /** The current instant in epoch ms (the default as-of time). */
  now(): number
  env: Readonly<Record<string, string | undefined>>
  /** Asks a question at the terminal and resolves the answer; absent when not interactive. */
  ask?(question: string): Promise<string>
  /** Asks for a secret at the terminal without echoing it; absent when not interactive. */
  askSecret?(question: string): Promise<string>
  /** All of standard input as text (`--password-stdin`). */
  readStdin?(): Promise<string>
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

/** Asks on stderr and reads one line from the terminal in raw mode, echoing nothing. */
function askSecretAtTerminal(question: string): Promise<string> {
  const stdin = process.stdin
  process.stderr.write(question)
  stdin.setRawMode(true)
  stdin.setEncoding('utf8')
  stdin.resume()
  return new Promise((resolve, reject) => {
    let text = ''
    const finish = (outcome: () => void) => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      process.stderr.write('\n')
      outcome()
    }
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(text))
        if (ch === '\u0003' || ch === '\u0004') {
          return finish(() => reject(new Error('canceled at the terminal')))
        }
        text = ch === '\u007f' || ch === '\b' ? text.slice(0, -1) : text + ch
      }
    }
    stdin.on('data', onData)
  })
}

/** All of stdin as UTF-8 text. */
async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
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
    ...(process.stdout.isTTY ? { columns: process.stdout.columns } : {}),
    now: () => Date.now(),
    env: process.env,
    readStdin: readAllStdin,
    ...(process.stdin.isTTY ? { ask: askAtTerminal, askSecret: askSecretAtTerminal } : {}),
  }
}
