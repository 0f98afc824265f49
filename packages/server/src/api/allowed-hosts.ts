import type { MiddlewareHandler } from 'hono'
import { VmoError } from '@openvmo/core'
import { isLoopbackHost } from './loopback'

/** Addresses that listen on every interface: they name no host a request may carry. */
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]'])

/** A `Host` header value: a name or IPv4 address, or a bracketed IPv6 address, and a port. */
const HOST_VALUE = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i

/**
 * The host name of a `Host` header value (`name`, `name:port`, `[v6]:port`), lowercased;
 * undefined for anything else (user info, paths, spaces).
 */
function hostNameOf(host: string): string | undefined {
  if (!HOST_VALUE.test(host.trim())) return undefined
  try {
    return new URL(`http://${host.trim()}`).hostname.toLowerCase()
  } catch {
    return undefined
  }
}

/**
 * The host names besides loopback's that requests may name: the public URL's (`--public-url`)
 * and the listen address when it is one address (not `0.0.0.0` or `::`).
 */
export function extraAllowedHosts(options: { publicUrl?: string; listenHost?: string }): string[] {
  const hosts: string[] = []
  if (options.publicUrl) hosts.push(new URL(options.publicUrl).hostname.toLowerCase())
  const listen = options.listenHost?.trim().toLowerCase()
  if (listen && !WILDCARD_HOSTS.has(listen) && !isLoopbackHost(listen)) {
    const name = hostNameOf(
      listen.includes(':') && !listen.startsWith('[') ? `[${listen}]` : listen,
    )
    if (name) hosts.push(name)
  }
  return hosts
}

/**
 * FORBIDDEN, before anything else runs, for a request whose `Host` names neither a loopback name
 * (`localhost`, `127.0.0.1`, `[::1]`, any port) nor one of `hosts`: a web page whose own name an
 * attacker rebinds to this machine's address (DNS rebinding) sends its name as the Host, so it
 * can neither read nor change anything.
 */
export function hostAllowList(hosts: readonly string[] = []): MiddlewareHandler {
  const allowed = new Set(hosts.map((host) => host.toLowerCase()))
  return async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host
    const name = hostNameOf(host)
    if (name === undefined || (!isLoopbackHost(name) && !allowed.has(name))) {
      throw new VmoError(
        'FORBIDDEN',
        `host "${host.slice(0, 100)}" is not a name this server answers to: open it at http://127.0.0.1 or localhost, or start it with --public-url naming the address users open`,
      )
    }
    await next()
  }
}
