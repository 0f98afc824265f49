import type { Context } from 'hono'
import type { FlowService } from './flow-service'
import type { FlowSnapshot } from './flow-snapshot'

/** What a cached GET computes: its cache key and the response value. */
export interface CachedPlan {
  /** Identifies the response within one snapshot: route name plus resolved parameters. */
  key: string
  compute: () => unknown
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
  const entry = await service.cachedBody(snapshot, key, compute)
  return c.body(entry.body, 200, {
    'Content-Type': 'application/json; charset=utf-8',
    ETag: entry.etag,
    'Cache-Control': 'no-cache',
  }) as never
}
