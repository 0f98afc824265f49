import { Agent as HttpAgent, request as httpRequest } from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

/** One answer read whole: status, headers (lower-case names) and the body as text. */
export interface HttpAnswer {
  status: number
  headers: IncomingHttpHeaders
  text: string
}

/** A request that got no whole answer within its timeout (headers and body). */
export class HttpTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no whole answer within ${timeoutMs} ms`)
    this.name = 'TimeoutError'
  }
}

/** A request's method and JSON body (a GET without a body when left out). */
export interface HttpRequestBody {
  method: 'GET' | 'POST'
  /** Sent as `application/json`. */
  json?: string
}

/**
 * Requests over keep-alive connections (node:http and node:https), reading the whole body within
 * `timeoutMs`; rejects with a {@link HttpTimeoutError}, a network error, or the signal's reason
 * when it aborts. A thin transport shared by the connectors whose request counts make fetch's
 * cost per request too high: retries and errors are the client's.
 */
export class KeepAliveHttp {
  readonly #agents: { http: HttpAgent; https: HttpsAgent }

  constructor(
    readonly headers: Readonly<Record<string, string>>,
    readonly timeoutMs: number,
  ) {
    this.#agents = {
      http: new HttpAgent({ keepAlive: true }),
      https: new HttpsAgent({ keepAlive: true }),
    }
  }

  /** GETs `url`. */
  get(url: URL, signal?: AbortSignal): Promise<HttpAnswer> {
    return this.request(url, { method: 'GET' }, signal)
  }

  /** Sends `url` with `body`'s method and JSON. */
  request(url: URL, body: HttpRequestBody, signal?: AbortSignal): Promise<HttpAnswer> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error)
    const secure = url.protocol === 'https:'
    return new Promise((resolve, reject) => {
      const headers =
        body.json === undefined
          ? this.headers
          : { ...this.headers, 'content-type': 'application/json' }
      const options = {
        method: body.method,
        headers,
        agent: secure ? this.#agents.https : this.#agents.http,
      }
      const req = (secure ? httpsRequest : httpRequest)(url, options, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          done()
          const text = Buffer.concat(chunks).toString('utf8')
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text })
        })
        res.on('error', fail)
        res.on('aborted', () => fail(new Error('the answer broke off')))
      })
      const fail = (error: Error) => {
        done()
        reject(signal?.aborted ? (signal.reason as Error) : error)
      }
      const onAbort = () => req.destroy(signal?.reason as Error)
      const timer = setTimeout(
        () => req.destroy(new HttpTimeoutError(this.timeoutMs)),
        this.timeoutMs,
      )
      const done = () => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      req.on('error', fail)
      req.end(body.json)
    })
  }
}
