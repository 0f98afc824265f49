import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatHistoryLine, serializeMappingYaml, TEST_MAPPING } from '@openvmo/core'
import type { WorkItemRecord } from '@openvmo/core'
import { main } from '../main'
import type { CliIo } from '../cli-io'

/** Runs `vmo` in-process (with `stdin` as its standard input) and captures output and exit code. */
export async function runCli(
  args: readonly string[],
  env: Record<string, string> = {},
  options: { stdin?: string } = {},
) {
  let stdout = ''
  let stderr = ''
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    isTty: false,
    now: () => Date.parse('2024-06-01T00:00:00Z'),
    env: { ...env },
    ...(options.stdin === undefined
      ? {}
      : { readStdin: () => Promise.resolve(options.stdin ?? '') }),
  }
  const code = await main(['node', 'vmo', ...args], io)
  return { code, stdout, stderr }
}

/** A fresh temp folder with the given files (records are written as NDJSON lines). */
export function writeTempFiles(files: Record<string, string | readonly WorkItemRecord[]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vmo-cli-'))
  for (const [name, content] of Object.entries(files)) {
    const text =
      typeof content === 'string' ? content : content.map(formatHistoryLine).join('\n') + '\n'
    writeFileSync(join(dir, name), text)
  }
  return dir
}

/**
 * A temp folder with `h.ndjson` (the records) and `openvmo.yaml` (TEST_MAPPING), plus `extra` files
 * that may replace either; returns the folder, a store path in it and both file paths.
 */
export function writeHistoryFixture(
  records: readonly WorkItemRecord[],
  extra: Record<string, string> = {},
) {
  const dir = writeTempFiles({
    'h.ndjson': records,
    'openvmo.yaml': serializeMappingYaml(TEST_MAPPING),
    ...extra,
  })
  return {
    dir,
    db: join(dir, 'openvmo.db'),
    history: join(dir, 'h.ndjson'),
    config: join(dir, 'openvmo.yaml'),
  }
}
