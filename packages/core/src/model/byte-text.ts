/**
 * Makes strings of byte ranges the NDJSON scanner has already validated. Core's own
 * {@link PORTABLE_BYTE_TEXT} works everywhere; the server passes Node's faster Buffer methods.
 */
export interface ByteText {
  /** The bytes `start..end`, all below 0x80, as a string. */
  ascii(bytes: Uint8Array, start: number, end: number): string
  /** The bytes `start..end`, valid UTF-8, decoded. */
  utf8(bytes: Uint8Array, start: number, end: number): string
}

/** The longest string {@link shortAscii} makes. */
export const SHORT_ASCII = 12

/**
 * The ASCII bytes `s .. s + length` of `b` as a string, for `length` ≤ {@link SHORT_ASCII}:
 * `String.fromCharCode` with one argument per byte is several times faster than a call into the
 * runtime (Buffer's or TextDecoder's) for strings this short, such as item keys.
 */
export function shortAscii(b: Uint8Array, s: number, length: number): string {
  // one case per length reads best here
  // prettier-ignore
  switch (length) {
    case 0: return ''
    case 1: return String.fromCharCode(b[s]!)
    case 2: return String.fromCharCode(b[s]!, b[s + 1]!)
    case 3: return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!)
    case 4: return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!)
    case 5: return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!)
    case 6: return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!)
    case 7: return String.fromCharCode(
      b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!,
      b[s + 6]!)
    case 8: return String.fromCharCode(
      b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!,
      b[s + 6]!, b[s + 7]!)
    case 9: return String.fromCharCode(
      b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!,
      b[s + 6]!, b[s + 7]!, b[s + 8]!)
    case 10: return String.fromCharCode(
      b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!,
      b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!)
    case 11: return String.fromCharCode(
      b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!,
      b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!)
    case 12: return String.fromCharCode(
      b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!,
      b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!)
    default: throw new RangeError(`shortAscii takes at most ${SHORT_ASCII} bytes, not ${length}`)
  }
}

/** Characters per `String.fromCharCode` call, well below engines' argument limits. */
const BATCH = 4096

function fromCodes(codes: number[]): string {
  let text = ''
  for (let i = 0; i < codes.length; i += BATCH)
    text += String.fromCharCode(...codes.slice(i, i + BATCH))
  return text
}

/** UTF-16 code units of valid UTF-8 (the scanner rejected anything else before). */
function utf16Units(bytes: Uint8Array, start: number, end: number): number[] {
  const units: number[] = []
  let i = start
  while (i < end) {
    const b = bytes[i]!
    let point: number
    if (b < 0x80) {
      point = b
      i += 1
    } else if (b < 0xe0) {
      point = ((b & 0x1f) << 6) | (bytes[i + 1]! & 0x3f)
      i += 2
    } else if (b < 0xf0) {
      point = ((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f)
      i += 3
    } else {
      point =
        ((b & 0x07) << 18) |
        ((bytes[i + 1]! & 0x3f) << 12) |
        ((bytes[i + 2]! & 0x3f) << 6) |
        (bytes[i + 3]! & 0x3f)
      i += 4
    }
    if (point < 0x10000) units.push(point)
    else units.push(0xd800 + ((point - 0x10000) >> 10), 0xdc00 + ((point - 0x10000) & 0x3ff))
  }
  return units
}

/** Plain-JavaScript {@link ByteText}, for the browser and tests. */
export const PORTABLE_BYTE_TEXT: ByteText = {
  ascii(bytes, start, end) {
    return fromCodes(Array.from(bytes.subarray(start, end)))
  },
  utf8(bytes, start, end) {
    return fromCodes(utf16Units(bytes, start, end))
  },
}
