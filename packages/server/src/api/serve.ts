import type { Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { serve } from '@hono/node-server'
import { errorBody, HTTP_STATUS } from './http-error'
import { VmoError } from '@openvmo/core'
import { REQUEST_LIMITS } from './request-limits'

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

/** The answer to a request Node's parser refused, in the one error format. */
function parserErrorResponse(error: Error & { code?: string; rawPacket?: Buffer }): string {
  const firstLine = error.rawPacket?.toString('latin1').split('\r\n', 1)[0] ?? ''
  const vmo =
    error.code === 'HPE_HEADER_OVERFLOW' && firstLine.length > REQUEST_LIMITS.maxUrlBytes
      ? new VmoError(
          'URI_TOO_LONG',
          `the URL is longer than ${REQUEST_LIMITS.maxUrlBytes / 1024} KB`,
        )
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? new VmoError('PAYLOAD_TOO_LARGE', 'the request line and headers are larger than 16 KB')
        : new VmoError('INVALID_INPUT', `malformed HTTP request (${error.code ?? 'parse error'})`)
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' && vmo.code === 'PAYLOAD_TOO_LARGE'
      ? 431
      : HTTP_STATUS[vmo.code]
  const body = JSON.stringify(errorBody(vmo))
  return [
    `HTTP/1.1 ${status} ${status === 414 ? 'URI Too Long' : status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n')
}

/**
 * Requests Node's parser refuses (a URL or headers beyond its 16 KB, garbage) get an answer in
 * the one error format instead of a reset connection.
 */
function answerParserErrors(server: Server): void {
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy()
      return
    }
    socket.end(parserErrorResponse(error))
  })
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
    answerParserErrors(server as Server)
    server.once('error', reject)
  })
}
