import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { uniformInt } from 'pure-rand/distribution/uniformInt'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'
import { VmoError } from '../errors'

/**
 * A source of random numbers passed into every simulation (core never calls `Math.random`), so
 * the same seed gives the same forecast. Each call advances the source.
 */
export interface RandomSource {
  /** A uniform integer in `[0, maxExclusive)`; `maxExclusive` is a positive integer. */
  nextInt(maxExclusive: number): number
  /** A uniform float in `[0, 1)` with 53 random bits. */
  nextFloat(): number
}

/**
 * A {@link RandomSource} on pure-rand's xoroshiro128+ generator seeded with `seed` (a 32-bit
 * integer: only `seed | 0` is used, so seeds equal modulo 2^32 give the same sequence). It mutates
 * one generator in place: no allocation per draw.
 */
export function createSeededRandom(seed: number): RandomSource {
  if (!Number.isInteger(seed)) {
    throw new VmoError('INVALID_INPUT', `random seed ${seed} is not an integer`)
  }
  const generator = xoroshiro128plus(seed)
  return {
    nextInt: (maxExclusive) => uniformInt(generator, 0, maxExclusive - 1),
    nextFloat: () => uniformFloat64(generator),
  }
}
