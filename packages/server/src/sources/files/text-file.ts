import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { TextDecoder } from 'node:util'
import { VmoError } from '@openvmo/core'
import { fileReadError } from './file-errors'

const BOM = 0xfeff
const NEWLINE = 0x0a

/** The encoding a byte-order mark at the start of `bytes` announces, if any. */
export function findByteOrderMark(
  bytes: Uint8Array,
): 'utf-8' | 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  return undefined
}

/**
 * Reads a text file: strict UTF-8 (a leading byte-order mark is dropped), or UTF-16 when it starts
 * with a UTF-16 byte-order mark (little or big endian, as Excel and PowerShell write it). Throws
 * `VmoError('INVALID_INPUT')` naming the file and the line of the first invalid byte, so a
 * Latin-1 export is rejected instead of silently garbled, and the errors of `fileReadError` when
 * the file cannot be read (missing, a folder, permission denied).
 */
export async function readUtf8File(path: string): Promise<string> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (cause) {
    throw fileReadError(path, cause)
  }
  return decodeText(bytes, path)
}

/**
 * Decodes `bytes` as strict UTF-8, or as UTF-16 when they start with its byte-order mark; the
 * mark is dropped. `file` names the source in the error.
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  const bom = findByteOrderMark(bytes)
  if (bom === 'utf-16le' || bom === 'utf-16be') return decodeUtf16(bytes, bom, file)
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

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', file: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes)
  } catch (cause) {
    throw new VmoError(
      'INVALID_INPUT',
      `"${basename(file)}": not valid ${encoding} although it starts with a utf-16 byte-order mark; re-save the file as utf-8`,
      { cause, details: { file } },
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
