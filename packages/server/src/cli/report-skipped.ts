import type { SkippedLine } from '../sources/ndjson/read-history-file'
import type { CliIo } from './cli-io'

/** Lists lines skipped by `--skip-bad` on stderr (all of them: the user asked to see them). */
export function reportSkipped(io: CliIo, skipped: readonly SkippedLine[], file = 'input'): void {
  if (skipped.length === 0) return
  io.stderr(`skipped ${skipped.length} bad line(s) of ${file}:\n`)
  for (const s of skipped) io.stderr(`  line ${s.line}: ${s.reason}\n`)
}
