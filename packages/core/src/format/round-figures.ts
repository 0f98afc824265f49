/**
 * A deep copy of `value` with every non-integer number rounded to `digits` decimals (default 6),
 * for output: floating-point noise (`3.4250000000000003`) never reaches a report. Integers, null
 * and strings are kept; typed arrays become plain arrays.
 */
export function roundFigures<T>(value: T, digits = 6): T {
  const scale = 10 ** digits
  const walk = (v: unknown): unknown => {
    if (typeof v === 'number') return Number.isInteger(v) ? v : Math.round(v * scale) / scale
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, walk)
    if (Array.isArray(v)) return v.map(walk)
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
    }
    return v
  }
  return walk(value) as T
}
