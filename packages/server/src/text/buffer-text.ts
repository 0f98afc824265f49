import type { ByteText } from '@openvmo/core'

/** Buffer's own slicing methods (what `toString('latin1', …)` calls, without its checks). */
interface SlicingBuffer extends Uint8Array {
  latin1Slice(start: number, end: number): string
  utf8Slice(start: number, end: number): string
}

/**
 * {@link ByteText} with Node's Buffer methods (faster than core's portable one) for the NDJSON
 * reader's scanner; the bytes it is given are always Buffers (chunks read from the file).
 */
export const BUFFER_TEXT: ByteText = {
  ascii: (bytes, start, end) => (bytes as SlicingBuffer).latin1Slice(start, end),
  utf8: (bytes, start, end) => (bytes as SlicingBuffer).utf8Slice(start, end),
}
