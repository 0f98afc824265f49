import type { Context } from 'hono'
import { VmoError } from '@openvmo/core'

const IPV4_LOOPBACK = /^127(?:\.\d{1,3}){3}$/

/**
 * Whether `host` (a host name or address, IPv6 with or without brackets) names this machine's
 * loopback interface: `localhost`, `127.0.0.0/8`, `::1` (also IPv4-mapped). `0.0.0.0` and `::`
 * listen on every interface, so they are not loopback.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
  if (name === 'localhost' || name === '::1') return true
  return IPV4_LOOPBACK.test(name.replace(/^::ffff:/, ''))
}

/**
 * FORBIDDEN unless this request may act on sources (add, test, sync): the server listens on
 * loopback only (with no authentication yet, anyone who reaches it could use the tokens in its
 * environment), and the request names a loopback host, in its URL and Origin, so a web page
 * whose name was rebound to 127.0.0.1 cannot use the dashboard's rights.
 */
export function assertLocalRequest(c: Context, at: { loopback: boolean; action: string }): void {
  if (!at.loopback) {
    throw new VmoError(
      'FORBIDDEN',
      `${at.action} is only possible from the dashboard when the server listens on loopback (vmo serve --host 127.0.0.1); on this server, use vmo source add|test and vmo sync on its machine`,
    )
  }
  const host = new URL(c.req.url).hostname
  const origin = c.req.header('origin')
  // An opaque origin ("null": sandboxed frames, files) is refused like a foreign one.
  const originHost = origin === undefined ? undefined : safeHostname(origin)
  for (const name of [host, originHost]) {
    if (name !== undefined && !isLoopbackHost(name)) {
      throw new VmoError(
        'FORBIDDEN',
        `${at.action} is refused for a request naming host "${name}": open the dashboard at http://127.0.0.1 (or localhost) on the server's machine`,
      )
    }
  }
}

function safeHostname(url: string): string {
  try {
    return new URL(url).hostname
  } catch {
    return url
  }
}
