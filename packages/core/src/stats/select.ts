/**
 * Rearranges `values` so that `values[k]` is the value that would be at index `k` if `values`
 * were sorted ascending, with every value before it ≤ it and every value after it ≥ it
 * (quickselect with a median-of-three pivot and a Hoare partition; linear time on
 * average, also with many equal values).
 *
 * Hand-written because it runs over millions of state visits per time-in-state report, and
 * d3-array's generic `quickselect` calls a comparator per element, several times slower on
 * typed arrays. NaN is not supported (durations never are).
 */
export function selectInPlace(values: Float64Array, k: number): void {
  let left = 0
  let right = values.length - 1
  while (right > left) {
    const pivot = medianOfThree(values[left]!, values[(left + right) >>> 1]!, values[right]!)
    // Hoare partition: both scans stop at values equal to the pivot, so many equal values
    // (common in real histories) split evenly instead of making it quadratic
    let i = left
    let j = right
    while (i <= j) {
      while (values[i]! < pivot) i++
      while (values[j]! > pivot) j--
      if (i <= j) {
        const t = values[i]!
        values[i++] = values[j]!
        values[j--] = t
      }
    }
    if (k <= j) right = j
    else if (k >= i) left = i
    else return
  }
}

function medianOfThree(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b
}
