import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { VmoError } from '@openvmo/core'

/** How many failed sign-ins are allowed before an account or address must wait. */
export interface ThrottlePolicy {
  /** Failures per account name within `windowSeconds` (default 5). */
  perAccount: number
  /** Failures per client address within `windowSeconds` (default 20). */
  perAddress: number
  /** The window, and how long a throttled account or address waits (default 15 minutes). */
  windowSeconds: number
}

/** 5 failures per account, 20 per address, in 15 minutes; then 15 minutes' wait. */
export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  perAccount: 5,
  perAddress: 20,
  windowSeconds: 900,
}

/** Login throttling per account name and per client address. */
export interface LoginThrottle {
  /** TOO_MANY_ATTEMPTS (with the wait) when the account or the address must wait. */
  check(name: string, address: string | null): Promise<void>
  /** Counts a failed sign-in against both. */
  fail(name: string, address: string | null): Promise<void>
  /** Forgets an account's failures after it signed in. */
  succeed(name: string): Promise<void>
}

const waitSeconds = (res: RateLimiterRes | null, points: number) =>
  res !== null && res.consumedPoints >= points ? Math.ceil(res.msBeforeNext / 1000) : 0

/**
 * Counters in this process's memory (rate-limiter-flexible's `RateLimiterMemory`): failed
 * sign-ins are short-lived facts, losing them at a restart only lifts a wait early, and no
 * store round trip is added to a sign-in. With several instances, each counts its own requests
 * (a load balancer spreading an attack over N instances allows N times the attempts).
 */
export function createLoginThrottle(policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY) {
  const options = { duration: policy.windowSeconds, blockDuration: policy.windowSeconds }
  const accounts = new RateLimiterMemory({ ...options, points: policy.perAccount })
  const addresses = new RateLimiterMemory({ ...options, points: policy.perAddress })
  const consume = (limiter: RateLimiterMemory, key: string) =>
    limiter.consume(key).catch((rejected: unknown) => {
      if (!(rejected instanceof RateLimiterRes)) throw rejected
    })
  const throttle: LoginThrottle = {
    async check(name, address) {
      const wait = Math.max(
        waitSeconds(await accounts.get(name), policy.perAccount),
        address === null ? 0 : waitSeconds(await addresses.get(address), policy.perAddress),
      )
      if (wait > 0) {
        throw new VmoError(
          'TOO_MANY_ATTEMPTS',
          `too many failed sign-ins for this account or address: try again in ${wait} s`,
          { details: { retryAfterSeconds: wait } },
        )
      }
    },
    async fail(name, address) {
      await consume(accounts, name)
      if (address !== null) await consume(addresses, address)
    },
    async succeed(name) {
      await accounts.delete(name)
    },
  }
  return throttle
}
