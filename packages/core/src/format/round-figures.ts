/**
 * A deep copy of `value` with every non-integer number rounded to `digits` decimals (default 6),
 * for output: floating-point noise (`3.4250000000000003`) never reaches a report. Integers, null
 * and strings are kept; typed arrays become plain arrays; objects keep their own enumerable keys
 * in order.
 */
export function roundFigures<T>(value: T, digits = 6): T {
  const scale = 10 ** digits
  // Runs over every API response (lists of a hundred thousand items at a million): one recursive
  // function and plain loops, no entry arrays per object.
  const walk = (v: unknown): unknown => {
    if (typeof v === 'number') return Number.isInteger(v) ? v : Math.round(v * scale) / scale
    if (v === null || typeof v !== 'object') return v
    if (Array.isArray(v)) return v.map(walk)
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, walk)
    return copyObject(v as Record<string, unknown>, walk)
  }
  return walk(value) as T
}

function copyObject(
  v: Record<string, unknown>,
  walk: (x: unknown) => unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(v)) {
    const x = walk(v[key])
    // A data key "__proto__" (from an item's fields) stays a key, as Object.fromEntries keeps it.
    if (key === '__proto__') {
      Object.defineProperty(out, key, {
        value: x,
        enumerable: true,
        writable: true,
        configurable: true,
      })
    } else out[key] = x
  }
  return out
}
