import type { IncomingMessage } from 'node:http'
import type { Context } from 'hono'

/** How far the server trusts a reverse proxy's forwarded headers. */
export interface ProxyTrust {
  /** With `--trust-proxy`: X-Forwarded-For and X-Forwarded-Proto are believed. */
  trustProxy: boolean
}

/**
 * The client's address: the first X-Forwarded-For entry behind a trusted proxy, else the
 * socket's peer; null when unknown (an in-process request).
 */
export function clientAddress(c: Context, trust: ProxyTrust): string | null {
  if (trust.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
    if (forwarded) return forwarded.slice(0, 100)
  }
  const env = c.env as { incoming?: IncomingMessage } | undefined
  return env?.incoming?.socket?.remoteAddress ?? null
}

/** Whether the request came over TLS (directly, or to a trusted proxy that says so). */
export function isSecureRequest(c: Context, trust: ProxyTrust): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true
  return trust.trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https'
}

/** The secret of `Authorization: Bearer <secret>`, if the request sends one. */
export function bearerOf(c: Context): string | undefined {
  const header = c.req.header('authorization')
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header)
  return match?.[1]
}
