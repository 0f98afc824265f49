import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'

const TWO_POW_32 = 4_294_967_296
const GOLDEN = 0x9e3779b9

/**
 * A seeded source of random numbers (xoroshiro128+ from pure-rand): the same seed always gives
 * the same sequence. The generators use it instead of `Math.random`, so a demo or benchmark
 * can be rebuilt exactly. Not for cryptography.
 */
export class SeededRandom {
  private readonly rng: ReturnType<typeof xoroshiro128plus>
  private spareNormal = NaN

  /** Starts the sequence for `seed` (any 32-bit integer; other numbers are truncated). */
  constructor(readonly seed: number) {
    this.rng = xoroshiro128plus(seed | 0)
  }

  /** An independent generator for a sub-simulation, derived from this seed and a `stream` number. */
  fork(stream: number): SeededRandom {
    return new SeededRandom(Math.imul(this.seed ^ GOLDEN, 31) + stream * 7919)
  }

  /** Uniform in [0, 1) with 32 bits of randomness (one draw, fast enough for millions of items). */
  next(): number {
    return (this.rng.next() >>> 0) / TWO_POW_32
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** True with probability `p` (0..1). */
  chance(p: number): boolean {
    return this.next() < p
  }

  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T
  }

  /** Index `i` with probability `weights[i] / sum(weights)`. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0
    for (const weight of weights) total += weight
    let target = this.next() * total
    for (let i = 0; i < weights.length; i++) {
      target -= weights[i] as number
      if (target < 0) return i
    }
    return weights.length - 1
  }

  /** Standard normal variate (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const spare = this.spareNormal
      this.spareNormal = NaN
      return spare
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()))
    const angle = 2 * Math.PI * this.next()
    this.spareNormal = radius * Math.sin(angle)
    return radius * Math.cos(angle)
  }

  /** Log-normal variate with the given median and shape `sigma` (the spread of its logarithm). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal())
  }

  /** Poisson variate with the given mean (Knuth below 30, a rounded normal approximation above). */
  poisson(mean: number): number {
    if (mean <= 0) return 0
    if (mean >= 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()))
    const limit = Math.exp(-mean)
    let count = 0
    let product = this.next()
    while (product > limit) {
      count++
      product *= this.next()
    }
    return count
  }
}
