import { VmoError } from '@openvmo/core'

/**
 * The whole number ≥ 1 an option `--name` was given as `value`, or `fallback` when it was not
 * given; anything else is INVALID_INPUT naming the option and the value.
 */
export function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1)
    throw new VmoError('INVALID_INPUT', `--${name} "${value}" must be a whole number ≥ 1`)
  return n
}
