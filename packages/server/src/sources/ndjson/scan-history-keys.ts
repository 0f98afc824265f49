import { TextDecoder } from 'node:util'
import { inspectFile, readHistoryChunks } from './history-chunks'

/** The source and key of one line of an NDJSON history. */
export interface HistoryKey {
  source: string
  key: string
}

// A line as our writer (and most others) starts it: `{"source":"…","key":"…"`, no escapes.
const CANONICAL_START = /^\{"source":"([^"\\]*)","key":"([^"\\]*)"/

function keyOf(line: string): HistoryKey | undefined {
  const match = CANONICAL_START.exec(line)
  if (match) return { source: match[1] ?? '', key: match[2] ?? '' }
  try {
    const value = JSON.parse(line) as { source?: unknown; key?: unknown } | null
    const { source, key } = value ?? {}
    return typeof source === 'string' && typeof key === 'string' ? { source, key } : undefined
  } catch {
    return undefined
  }
}

/**
 * The source and key of every line of an NDJSON history (plain or gzip), in file order, without
 * parsing the lines: the first pass of a streamed import, which must know every item of the run
 * before it looks for cross-source mentions. Lines that start the usual way are read with one
 * regular expression; any other line is parsed; a line without a string source and key (a bad
 * line, which the import itself reports) is left out. Files are read as `readHistoryFile` reads
 * them (gzip, UTF-16), with its errors for files that cannot be read.
 */
export async function scanHistoryKeys(path: string): Promise<HistoryKey[]> {
  const keys: HistoryKey[] = []
  const decoder = new TextDecoder('utf-8')
  let rest = ''
  for await (const chunk of readHistoryChunks(path, await inspectFile(path), () => undefined)) {
    const text = rest + decoder.decode(chunk, { stream: true })
    let start = 0
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      const found = keyOf(text.slice(start, end).replace(/^\uFEFF/, ''))
      if (found) keys.push(found)
      start = end + 1
    }
    rest = text.slice(start)
  }
  const last = keyOf(rest.replace(/^\uFEFF/, ''))
  if (last) keys.push(last)
  return keys
}
