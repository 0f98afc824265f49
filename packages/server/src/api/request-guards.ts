import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { VmoError } from '@openvmo/core'
import { REQUEST_LIMITS } from './request-limits'

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH'])
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i

const kib = (bytes: number) => `${Math.round(bytes / 1024)} KB`

/** URI_TOO_LONG when the path and query are longer than {@link REQUEST_LIMITS.maxUrlBytes}. */
const urlLimit: MiddlewareHandler = async (c, next) => {
  const url = new URL(c.req.url)
  const bytes = Buffer.byteLength(url.pathname) + Buffer.byteLength(url.search)
  if (bytes > REQUEST_LIMITS.maxUrlBytes) {
    throw new VmoError(
      'URI_TOO_LONG',
      `the URL is ${kib(bytes)} long: at most ${kib(REQUEST_LIMITS.maxUrlBytes)}`,
    )
  }
  await next()
}

/** UNSUPPORTED_MEDIA_TYPE when an API request with a body does not send JSON. */
const jsonBodies: MiddlewareHandler = async (c, next) => {
  if (BODY_METHODS.has(c.req.method) && c.req.path.startsWith('/api/')) {
    const type = c.req.header('content-type') ?? ''
    if (!JSON_TYPE.test(type)) {
      throw new VmoError(
        'UNSUPPORTED_MEDIA_TYPE',
        type
          ? `content type "${type}" is not accepted: send the body as application/json`
          : 'the request has no content type: send the body as application/json',
      )
    }
  }
  await next()
}

/** PAYLOAD_TOO_LARGE when a body is larger than {@link REQUEST_LIMITS.maxBodyBytes} (streamed). */
const bodySize = bodyLimit({
  maxSize: REQUEST_LIMITS.maxBodyBytes,
  onError: () => {
    throw new VmoError(
      'PAYLOAD_TOO_LARGE',
      `the request body is larger than ${kib(REQUEST_LIMITS.maxBodyBytes)}`,
    )
  },
})

/** The middleware every request passes first: URL length, JSON bodies, body size. */
export const REQUEST_GUARDS: readonly MiddlewareHandler[] = [urlLimit, jsonBodies, bodySize]
