import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'

/** Options of {@link startServer}. */
export interface StartServerOptions {
  /** Anything with Hono's `fetch` (an OpenAPIHono app). */
  app: { fetch: (request: Request) => Response | Promise<Response> }
  /** Default 4400; 0 picks a free port. */
  port?: number
  /** Default 127.0.0.1 (loopback only). */
  host?: string
}

/** A running server: where it listens and how to stop it. */
export interface RunningServer {
  port: number
  host: string
  url: string
  /** Stops accepting connections, lets requests in flight finish (at most `graceMs`), closes. */
  close(graceMs?: number): Promise<void>
}

/** Starts `app` on Node's HTTP server; resolves once it listens. */
export function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { app, port = 4400, host = '127.0.0.1' } = options
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`
      resolve({
        port: info.port,
        host,
        url,
        close: (graceMs = 5000) =>
          new Promise<void>((done) => {
            const timer = setTimeout(() => {
              if ('closeAllConnections' in server) server.closeAllConnections()
            }, graceMs)
            server.close(() => {
              clearTimeout(timer)
              done()
            })
            if ('closeIdleConnections' in server) server.closeIdleConnections()
          }),
      })
    })
    server.once('error', reject)
  })
}
