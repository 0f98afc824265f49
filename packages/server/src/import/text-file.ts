import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { TextDecoder } from 'node:util'
import { VmoError } from '@openvmo/core'

const BOM = 0xfeff
const NEWLINE = 0x0a

/**
 * Reads a file as strict UTF-8 (a leading byte-order mark is dropped). Throws
 * `VmoError('INVALID_INPUT')` naming the file and the line of the first invalid byte, so a
 * Latin-1 or UTF-16 export is rejected instead of silently garbled.
 */
export async function readUtf8File(path: string): Promise<string> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (cause) {
    throw new VmoError('INVALID_INPUT', `cannot read "${path}"`, { cause, details: { file: path } })
  }
  return decodeUtf8(bytes, path)
}

/** Decodes `bytes` as strict UTF-8; `file` names the source in the error. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
    return text.charCodeAt(0) === BOM ? text.slice(1) : text
  } catch (cause) {
    const { line, offset } = locateInvalidByte(bytes)
    const byte = bytes[offset]?.toString(16).padStart(2, '0') ?? '??'
    throw new VmoError(
      'INVALID_INPUT',
      `"${basename(file)}" line ${line}: not valid utf-8 (byte 0x${byte} at offset ${offset}); ` +
        're-save the file as utf-8',
      { cause, details: { file, line, offset } },
    )
  }
}

function locateInvalidByte(bytes: Uint8Array): { line: number; offset: number } {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let start = 0
  let line = 1
  while (start < bytes.length) {
    let end = bytes.indexOf(NEWLINE, start)
    if (end < 0) end = bytes.length
    if (!isValidUtf8(decoder, bytes.subarray(start, end))) {
      return { line, offset: start + firstInvalidOffset(decoder, bytes.subarray(start, end)) }
    }
    start = end + 1
    line++
  }
  return { line, offset: bytes.length }
}

function isValidUtf8(decoder: TextDecoder, bytes: Uint8Array): boolean {
  try {
    decoder.decode(bytes)
    return true
  } catch {
    return false
  }
}

function firstInvalidOffset(decoder: TextDecoder, bytes: Uint8Array): number {
  // The longest valid prefix ends at most 3 bytes before the bad byte (a cut multi-byte char).
  let valid = 0
  for (let end = 1; end <= bytes.length; end++) {
    if (isValidUtf8(decoder, bytes.subarray(0, end))) valid = end
    else if (end - valid > 3) break
  }
  return valid
}
