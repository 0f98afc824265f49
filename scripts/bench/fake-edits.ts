import { createInterface } from 'node:readline'

/**
 * The control loop of a benchmark's fake server process: a line `edit N` on stdin moves N items
 * spread over `keys` to their next status now (through `edit`) and answers `edited N`; when stdin
 * closes, `close` runs and the process exits.
 */
export function serveEdits(at: {
  keys: readonly string[]
  edit: (keys: string[], atMs: number) => Promise<void>
  close: () => Promise<void>
}): void {
  const input = createInterface({ input: process.stdin })
  input.on('line', (line) => {
    const count = Number(/^edit (\d+)$/.exec(line.trim())?.[1] ?? 0)
    const step = Math.max(1, Math.floor(at.keys.length / Math.max(1, count)))
    const edited = at.keys.filter((_, k) => k % step === 0).slice(0, count)
    void at.edit(edited, Date.now()).then(() => process.stdout.write(`edited ${edited.length}\n`))
  })
  input.on('close', () => void at.close().then(() => process.exit(0)))
}
