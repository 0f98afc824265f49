/**
 * Converts the Appcelerator Jira archive's `issues.csv` to an NDJSON work-item history
 * (FORMATS.md §1; gzip when the output ends in `.gz`), using the history rule of
 * `appceleratorRowToRecord`.
 *
 * Usage: npx tsx scripts/convert-appcelerator.ts [issues.csv] <out.ndjson[.gz]>
 * The input defaults to ../shared/data/appcelerator-jira-archive/issues.csv (from the repo root).
 */
import { readAppceleratorCsv } from '../packages/server/src/sources/jira/appcelerator-csv'
import { writeHistoryFile } from '../packages/server/src/sources/ndjson/write-history-file'

const DEFAULT_INPUT = '../shared/data/appcelerator-jira-archive/issues.csv'

async function main(args: string[]): Promise<void> {
  const [input, output] = args.length >= 2 ? args : [DEFAULT_INPUT, args[0]]
  if (input === undefined || output === undefined) {
    console.error('usage: npx tsx scripts/convert-appcelerator.ts [issues.csv] <out.ndjson[.gz]>')
    process.exitCode = 2
    return
  }
  const { records, bytes } = await writeHistoryFile(output, readAppceleratorCsv(input))
  console.log(`wrote ${records} records (${bytes} bytes) to ${output}`)
}

await main(process.argv.slice(2))
