// Acklam's coefficients of the rational approximation of the normal quantile.
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
]
const B = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
]
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
]
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]

const poly = (coefficients: number[], x: number) => coefficients.reduce((sum, c) => sum * x + c, 0)

/**
 * The standard normal quantile of `p` in (0, 1) by Acklam's rational approximation (relative
 * error below 1.2e-9). Written here because simple-statistics' `probit` is off by 0.003 at 0.975
 * and @stdlib's quantile brings 128 packages into the browser bundle for one function.
 */
export function normalQuantile(p: number): number {
  const low = 0.02425
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p))
    return poly(C, q) / (poly(D, q) * q + 1)
  }
  if (p > 1 - low) return -normalQuantile(1 - p)
  const q = p - 0.5
  const r = q * q
  return (poly(A, r) * q) / (poly(B, r) * r + 1)
}

/** The two-sided normal quantile of `level` (1.96 for 0.95). */
export function zOfLevel(level: number): number {
  return normalQuantile(1 - (1 - level) / 2)
}
