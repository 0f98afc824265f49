import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { VmoError } from '@openvmo/core'

/**
 * The origins in a comma-separated list (`--cors-origins`, `OPENVMO_CORS_ORIGINS`), each
 * `http(s)://host[:port]` with nothing after; INVALID_CONFIG names one that is not (`what` says
 * where the list came from).
 */
export function parseCorsOrigins(list: string, what: string): string[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      let url: URL | undefined
      try {
        url = new URL(entry)
      } catch {
        url = undefined
      }
      if (!url || !/^https?:$/.test(url.protocol) || url.origin !== entry.replace(/\/$/, '')) {
        throw new VmoError(
          'INVALID_CONFIG',
          `${what}: "${entry.slice(0, 200)}" is not an origin (scheme, host and port only, e.g. https://tools.example.com)`,
        )
      }
      return url.origin
    })
}

/**
 * Cross-origin reads of the API for exactly `origins` (no credentials: there are no cookies to
 * send); with none, no CORS headers at all, so browsers keep other sites' pages from reading it.
 * Writes stay same-origin: saving the mapping and source actions also check the Origin.
 */
export function corsFor(origins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(origins)
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST'],
    allowHeaders: ['content-type', 'if-match', 'if-none-match'],
    exposeHeaders: ['etag', 'retry-after'],
    maxAge: 600,
  })
}
