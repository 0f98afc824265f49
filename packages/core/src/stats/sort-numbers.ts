/** Below this length the built-in sort is faster than the radix sort (measured on Node 20). */
const RADIX_MIN_LENGTH = 20_000

const DIGIT_BITS = 16
const BUCKETS = 1 << DIGIT_BITS
const SIGN = 0x80000000

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

/**
 * Sorts `values` ascending in place and returns it: the same order as `Float64Array#sort()`
 * (-0 before +0), for any values. Large arrays without NaN take an LSD radix sort on the IEEE-754
 * bits, 1.5–2× faster than the built-in sort, which was the largest cost of the engine's
 * percentiles (hundreds of thousands of durations per report).
 */
export function sortNumbers(values: Float64Array): Float64Array {
  if (values.length < RADIX_MIN_LENGTH || !LITTLE_ENDIAN) return values.sort()
  const kind = classify(values)
  if (kind === HAS_NAN) return values.sort()
  const { lo, hi } = kind === COUNTS ? countKeys(values) : bitKeys(values)
  radixSort({ lo, hi, n: values.length })
  if (kind === COUNTS) for (let k = 0; k < values.length; k++) values[k] = hi[k]! * 2 ** 32 + lo[k]!
  else fromBitKeys(values, { lo, hi })
  return values
}

const HAS_NAN = 0
/** Every value is an integer in [0, 2^53) other than -0 (milliseconds): keys are the values. */
const COUNTS = 1
const OTHER = 2

function classify(values: Float64Array): number {
  let kind = COUNTS
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!
    if (v !== v) return HAS_NAN
    if (!(v >= 0 && v <= Number.MAX_SAFE_INTEGER && Math.floor(v) === v) || Object.is(v, -0))
      kind = OTHER
  }
  return kind
}

/** Keys of non-negative integers: their low and high 32 bits. */
function countKeys(values: Float64Array): { lo: Uint32Array; hi: Uint32Array } {
  const lo = new Uint32Array(values.length)
  const hi = new Uint32Array(values.length)
  for (let k = 0; k < values.length; k++) {
    const low = values[k]! >>> 0
    lo[k] = low
    hi[k] = (values[k]! - low) / 2 ** 32
  }
  return { lo, hi }
}

// Keys whose unsigned order is the numeric order of any doubles: the IEEE-754 bits, with the sign
// bit set for positive numbers and all bits inverted for negative ones (-0 before +0).
function bitKeys(values: Float64Array): { lo: Uint32Array; hi: Uint32Array } {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2)
  const lo = new Uint32Array(values.length)
  const hi = new Uint32Array(values.length)
  for (let k = 0; k < values.length; k++) {
    const h = words[2 * k + 1]!
    const negative = (h & SIGN) !== 0
    hi[k] = negative ? ~h : h | SIGN
    lo[k] = negative ? ~words[2 * k]! : words[2 * k]!
  }
  return { lo, hi }
}

function fromBitKeys(values: Float64Array, keys: { lo: Uint32Array; hi: Uint32Array }): void {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2)
  for (let k = 0; k < values.length; k++) {
    const h = keys.hi[k]!
    const negative = (h & SIGN) === 0
    words[2 * k + 1] = negative ? ~h : h & ~SIGN
    words[2 * k] = negative ? ~keys.lo[k]! : keys.lo[k]!
  }
}

// Sorts the 64-bit keys (hi, lo) in place: four stable counting passes of 16 bits each, lowest
// digit first; a pass whose digit is the same for every key is skipped (the high digits of
// durations in milliseconds). One function because the passes share the buffers and histograms.
function radixSort(keys: { lo: Uint32Array; hi: Uint32Array; n: number }): void {
  const { n } = keys
  let { lo, hi } = keys
  const counts = new Uint32Array(4 * BUCKETS)
  for (let k = 0; k < n; k++) {
    counts[lo[k]! & 0xffff]!++
    counts[BUCKETS + (lo[k]! >>> 16)]!++
    counts[2 * BUCKETS + (hi[k]! & 0xffff)]!++
    counts[3 * BUCKETS + (hi[k]! >>> 16)]!++
  }
  let loOut: Uint32Array = new Uint32Array(n)
  let hiOut: Uint32Array = new Uint32Array(n)
  for (let pass = 0; pass < 4; pass++) {
    if (!toOffsets(counts, pass * BUCKETS, n)) continue
    const base = pass * BUCKETS
    const shift = (pass & 1) * DIGIT_BITS
    const digits = pass < 2 ? lo : hi
    for (let k = 0; k < n; k++) {
      const to = counts[base + ((digits[k]! >>> shift) & 0xffff)]!++
      loOut[to] = lo[k]!
      hiOut[to] = hi[k]!
    }
    ;[lo, loOut] = [loOut, lo]
    ;[hi, hiOut] = [hiOut, hi]
  }
  if (lo !== keys.lo) {
    keys.lo.set(lo)
    keys.hi.set(hi)
  }
}

/** Turns one digit's histogram into start offsets; false when one bucket holds every key. */
function toOffsets(counts: Uint32Array, base: number, n: number): boolean {
  let sum = 0
  let varies = true
  for (let b = base; b < base + BUCKETS; b++) {
    const count = counts[b]!
    if (count === n) varies = false
    counts[b] = sum
    sum += count
  }
  return varies
}
