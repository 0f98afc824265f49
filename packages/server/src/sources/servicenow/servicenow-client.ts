import { isVmoError } from '@openvmo/core'
import { numberOf, parseJsonBody } from '../http-retries'
import ky, { isHTTPError } from 'ky'
import type { KyInstance } from 'ky'
import pLimit from 'p-limit'
import type { LimitFunction } from 'p-limit'
import type { RateLimitState } from '../connector'
import type { ServiceNowAuthKind } from './servicenow-connector-config'
import {
  serviceNowBadResponse,
  serviceNowNetworkError,
  serviceNowStatusError,
} from './servicenow-errors'
import type { ServiceNowFailedRequest } from './servicenow-errors'
import { ServiceNowOAuth } from './servicenow-oauth'

/** Retries of failed requests (network errors, timeouts, 408, 429, 5xx). */
export interface ServiceNowRetryOptions {
  /** Retries after the first attempt; default 5. */
  limit: number
  /** First backoff delay, doubled each retry, with full jitter; default 500 ms. */
  baseDelayMs: number
  /** The longest backoff delay; default 30 s. */
  maxDelayMs: number
  /** The longest wait a `Retry-After` may impose; default 120 s. */
  maxRetryAfterMs: number
}

/** Options of {@link createServiceNowClient}. */
export interface ServiceNowClientOptions {
  sourceName: string
  /** The instance root without a trailing slash: `https://acme.service-now.com`. */
  instanceUrl: string
  auth: ServiceNowAuthKind
  /** basic: the user name; oauth: the client id. */
  principal: string
  /** basic: the password; oauth: the client secret. Never logged nor put in errors. */
  secret: string
  timeoutMs: number
  concurrency: number
  retry?: Partial<ServiceNowRetryOptions>
}

/** One answer of {@link ServiceNowClient.get}: the JSON, the total and whether more follow. */
export interface ServiceNowAnswer<T> {
  body: T
  /** `X-Total-Count`: records the query matches (absent with `sysparm_no_count`). */
  total?: number
  /** The `Link` header has a `rel="next"`. */
  hasNext: boolean
}

/** HTTP access to one ServiceNow instance: auth, timeouts, retries, rate-limit state, errors. */
export interface ServiceNowClient {
  readonly sourceName: string
  readonly instanceUrl: string
  /** GETs `path` (from the instance root) with `query`; throws the errors of servicenow-errors. */
  get<T>(
    path: string,
    query: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<ServiceNowAnswer<T>>
  /** The `X-RateLimit-*` and `Retry-After` headers seen last, or null before any. */
  rateLimit(): RateLimitState | null
}

const DEFAULT_RETRY: ServiceNowRetryOptions = {
  limit: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
}

/**
 * A ServiceNow REST client over `ky` (fetch). Few requests per item (a page of records and one
 * batched sys_audit read per page), so fetch's per-request cost is small here. Basic auth, or an
 * OAuth client-credentials token from `/oauth_token.do` kept until shortly before it expires and
 * fetched again once when the instance refuses it (401). At most `concurrency` requests in
 * flight; each attempt times out after `timeoutMs` (headers and body); network errors,
 * timeouts, 408, 429 and 5xx are retried with backoff and full jitter, waiting what
 * `Retry-After` asks on 429 and 503. `X-RateLimit-Limit`, `-Remaining`, `-Reset` (epoch
 * seconds) and `Retry-After` are kept for {@link ServiceNowClient.rateLimit}.
 */
export function createServiceNowClient(options: ServiceNowClientOptions): ServiceNowClient {
  return new KyServiceNowClient(options)
}

class KyServiceNowClient implements ServiceNowClient {
  readonly sourceName: string
  readonly instanceUrl: string
  readonly #http: KyInstance
  readonly #limit: LimitFunction
  readonly #basic: string | undefined
  readonly #oauth: ServiceNowOAuth | undefined
  readonly #timeoutMs: number
  #rateLimit: RateLimitState | null = null

  constructor(options: ServiceNowClientOptions) {
    this.sourceName = options.sourceName
    this.instanceUrl = options.instanceUrl
    this.#timeoutMs = options.timeoutMs
    this.#limit = pLimit(options.concurrency)
    this.#http = this.#createHttp({ ...DEFAULT_RETRY, ...options.retry })
    if (options.auth === 'basic') {
      const pair = Buffer.from(`${options.principal}:${options.secret}`, 'utf8').toString('base64')
      this.#basic = `Basic ${pair}`
    } else {
      this.#oauth = new ServiceNowOAuth({
        http: this.#http,
        tokenUrl: `${options.instanceUrl}/oauth_token.do`,
        clientId: options.principal,
        clientSecret: options.secret,
        fail: (at, error) => this.#translate(at, error),
        at: { sourceName: options.sourceName, request: 'POST /oauth_token.do' },
      })
    }
  }

  rateLimit(): RateLimitState | null {
    return this.#rateLimit === null ? null : { ...this.#rateLimit }
  }

  get<T>(path: string, query: Record<string, string>, signal?: AbortSignal) {
    return this.#limit(() => this.#send<T>(path, query, signal))
  }

  async #send<T>(path: string, query: Record<string, string>, signal?: AbortSignal) {
    const at: ServiceNowFailedRequest = { sourceName: this.sourceName, request: `GET ${path}` }
    const attempt = async (fresh: boolean) => {
      const authorization = this.#basic ?? (await this.#oauth?.bearer(signal, fresh)) ?? ''
      return this.#http.get(this.instanceUrl + path, {
        searchParams: query,
        headers: { authorization },
        signal,
      })
    }
    let text: string
    let response: Response
    try {
      try {
        response = await attempt(false)
      } catch (error) {
        // an OAuth token revoked or expired early: one more try with a new one
        if (this.#oauth === undefined || !isHTTPError(error) || error.response.status !== 401)
          throw error
        response = await attempt(true)
      }
      text = await this.#readBody(response)
    } catch (error) {
      throw await this.#translate(at, error, signal)
    }
    return {
      body: parseJson<T>(at, text),
      total: numberOf(response.headers.get('x-total-count')),
      hasNext: /rel="?next"?/.test(response.headers.get('link') ?? ''),
    }
  }

  /** The body within the timeout (ky's ends with the headers): a stalled body is a timeout. */
  async #readBody(response: Response): Promise<string> {
    let timer: NodeJS.Timeout | undefined
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error('the body did not arrive in time')
        error.name = 'TimeoutError'
        reject(error)
      }, this.#timeoutMs)
    })
    try {
      return await Promise.race([response.text(), stalled])
    } finally {
      clearTimeout(timer)
    }
  }

  async #translate(at: ServiceNowFailedRequest, error: unknown, signal?: AbortSignal) {
    if (signal?.aborted) return signal.reason as Error
    if (isVmoError(error)) return error
    if (isHTTPError(error)) {
      const body = await error.response.text().catch(() => '')
      return serviceNowStatusError(at, error.response.status, body)
    }
    return serviceNowNetworkError(at, error)
  }

  #createHttp(retry: ServiceNowRetryOptions): KyInstance {
    return ky.create({
      headers: { accept: 'application/json' },
      timeout: this.#timeoutMs,
      retry: {
        limit: retry.limit,
        methods: ['get', 'post'],
        statusCodes: [408, 429, 500, 502, 503, 504],
        afterStatusCodes: [429, 503],
        maxRetryAfter: retry.maxRetryAfterMs,
        delay: (attempt) => retry.baseDelayMs * 2 ** (attempt - 1),
        backoffLimit: retry.maxDelayMs,
        jitter: true,
        retryOnTimeout: true,
      },
      hooks: { afterResponse: [(_request, _options, response) => this.#note(response)] },
    })
  }

  #note(response: Response): void {
    const header = (name: string) => numberOf(response.headers.get(name))
    const reset = header('x-ratelimit-reset')
    const limited = response.status === 429 || response.status === 503
    const entries = Object.entries({
      limit: header('x-ratelimit-limit'),
      remaining: header('x-ratelimit-remaining'),
      resetAt: reset === undefined ? undefined : new Date(reset * 1000).toISOString(),
      retryAfterSeconds: limited ? header('retry-after') : undefined,
    }).filter(([, v]) => v !== undefined)
    if (entries.length > 0 || this.#rateLimit !== null) {
      this.#rateLimit = Object.fromEntries(entries) as RateLimitState
    }
  }
}

function parseJson<T>(at: ServiceNowFailedRequest, text: string): T {
  return parseJsonBody(text, (reason) => serviceNowBadResponse(at, reason))
}
