import type { Context } from 'hono'
import { VmoError } from '@openvmo/core'
import type { ComputeTask } from './compute/compute-views'
import type { FlowService } from './flow-service'
import type { FlowSnapshot } from './flow-snapshot'
import { REQUEST_LIMITS } from './request-limits'

/** What a cached GET computes: its cache key and the computation of its JSON body. */
export interface CachedPlan {
  /** Identifies the response within one snapshot: route name plus resolved parameters. */
  key: string
  /** A task for the service's executor, or work (on this thread) that ends in one. */
  compute: ComputeTask | ((signal: AbortSignal) => Promise<string>)
}

/** INVALID_INPUT when a body is larger than {@link REQUEST_LIMITS.maxResponseBytes}. */
export function assertResponseSize(body: string): void {
  // UTF-16 length bounds the UTF-8 size from below; exact bytes only when it may matter.
  const bytes = body.length * 3 > REQUEST_LIMITS.maxResponseBytes ? Buffer.byteLength(body) : 0
  if (bytes > REQUEST_LIMITS.maxResponseBytes) {
    throw new VmoError(
      'INVALID_INPUT',
      `the answer would be ${(bytes / 1_048_576).toFixed(1)} MB, more than the ${REQUEST_LIMITS.maxResponseBytes / 1_048_576} MB limit: ask for a shorter range, a narrower scope or a smaller page`,
    )
  }
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  const strip = (tag: string) => tag.trim().replace(/^W\//, '')
  return header.split(',').some((tag) => strip(tag) === strip(etag))
}

/**
 * Answers a GET from the response cache: a weak ETag of (data version, mapping version, key),
 * `304` when `If-None-Match` matches, else the cached or freshly computed JSON body.
 *
 * Returns `never` so route handlers can return it whatever their typed response is: the body is
 * the serialised value of the route's response schema, cached as a string, which Hono's typed
 * JSON response cannot express.
 */
export async function sendCached(
  c: Context,
  service: FlowService,
  plan: (snapshot: FlowSnapshot) => CachedPlan,
): Promise<never> {
  const snapshot = await service.snapshot()
  const { key, compute } = plan(snapshot)
  const etag = service.etagOf(snapshot, key)
  if (etagMatches(c.req.header('If-None-Match'), etag)) {
    return c.body(null, 304, { ETag: etag }) as never
  }
  const run =
    typeof compute === 'function'
      ? compute
      : (signal: AbortSignal) => service.compute(snapshot, compute, signal)
  const entry = await service.cachedBody(snapshot, { key, compute: run, signal: c.req.raw.signal })
  assertResponseSize(entry.body)
  return c.body(entry.body, 200, {
    'Content-Type': 'application/json; charset=utf-8',
    ETag: entry.etag,
    'Cache-Control': 'no-cache',
  }) as never
}
