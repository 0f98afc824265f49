import type { Command } from 'commander'
import { writeHistoryFile } from '../../sources/ndjson/write-history-file'
import type { CliIo } from '../cli-io'
import { withStore } from '../open-cli-store'

/** `vmo export --out FILE`: the store's items as NDJSON history (lossless round trip of `vmo import`). */
export function registerExportCommand(program: Command, io: CliIo): void {
  program
    .command('export')
    .description(
      'write the stored items as NDJSON history (.ndjson or .ndjson.gz); import of the file gives the same store',
    )
    .requiredOption('--out <file>', 'target file; written atomically')
    .option('--db <path>', 'SQLite store file')
    .option('--source <name...>', 'only these sources')
    .action(async (options: { out: string; db?: string; source?: string[] }) => {
      const result = await withStore(options, io, (store) =>
        writeHistoryFile(
          options.out,
          store.streamRecords(options.source ? { sources: options.source } : {}),
        ),
      )
      io.stdout(`wrote ${result.records} items to ${options.out}\n`)
    })
}
