import { createConnection, createServer } from 'node:net'
import type { AddressInfo, Server, Socket } from 'node:net'

/** A TCP proxy on 127.0.0.1 that a test can take down and bring back, like a database restart. */
export interface TcpProxy {
  /** The port it listens on (the same after {@link TcpProxy.start}). */
  readonly port: number
  /** Stops listening (new connections are refused) and destroys every open connection. */
  stop(): Promise<void>
  /** Listens again on the same port. */
  start(): Promise<void>
  /** Stops for good. */
  close(): Promise<void>
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

/**
 * Starts a proxy from a free port on 127.0.0.1 to `target` (e.g. the test PostgreSQL on
 * 127.0.0.1:5432): each accepted connection is piped to a new connection to the target, and
 * either side closing closes both.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>()
  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
  }
  const server = createServer((client) => {
    const upstream = createConnection(target)
    track(client)
    track(upstream)
    client.pipe(upstream)
    upstream.pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  const port = await listen(server, 0)
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy()
      if (!server.listening) return resolve()
      server.close(() => resolve())
    })
  return {
    port,
    stop,
    start: async () => {
      if (!server.listening) await listen(server, port)
    },
    close: stop,
  }
}
