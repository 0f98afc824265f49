import { createRequire } from 'node:module'
import type * as CliProgress from 'cli-progress'
import type { CliIo } from './cli-io'

/** A progress reporter for long work: `update(done, total)` then `stop()`. */
export interface Progress {
  update(done: number, total: number): void
  stop(): void
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined }

// cli-progress (CommonJS) is loaded only for a bar on a terminal: piped runs do not pay for it.
const requireCommonJs = createRequire(import.meta.url)

/**
 * A progress bar with counts and ETA on an interactive terminal (stderr), nothing otherwise, so
 * piped output and CI logs stay clean. `unit` names what is counted (`MB`, `items`).
 */
export function createProgress(io: CliIo, label: string, unit: string): Progress {
  if (!io.isTty) return SILENT
  const { SingleBar, Presets } = requireCommonJs('cli-progress') as typeof CliProgress
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | ETA {eta_formatted}`,
      hideCursor: true,
      stream: process.stderr,
    },
    Presets.shades_classic,
  )
  let started = false
  return {
    update(done, total) {
      if (!started) bar.start(total, 0)
      started = true
      bar.setTotal(total)
      bar.update(done)
    },
    stop() {
      if (started) bar.stop()
      started = false
    },
  }
}
