import ky, { isHTTPError } from 'ky'
import { numberOf, parseJsonBody } from '../http-retries'
import type { KyInstance, KyResponse } from 'ky'
import pLimit from 'p-limit'
import type { LimitFunction } from 'p-limit'
import type { RateLimitState } from '../connector'
import type { JiraDeployment } from './jira-connector-config'
import { badResponse, httpStatusError, networkError } from './jira-http-errors'
import type { FailedRequest } from './jira-http-errors'

/** Retries of failed requests (network errors, timeouts, 408, 429, 5xx). */
export interface JiraRetryOptions {
  /** Retries after the first attempt; default 5. */
  limit: number
  /** First backoff delay; each retry doubles it, with full jitter; default 500 ms. */
  baseDelayMs: number
  /** The longest backoff delay; default 30 s. */
  maxDelayMs: number
  /** The longest wait a `Retry-After` may impose (longer ones are cut to it); default 120 s. */
  maxRetryAfterMs: number
}

/** Options of {@link createJiraClient}. */
export interface JiraClientOptions {
  sourceName: string
  /** The site's base URL, without a trailing slash. */
  baseUrl: string
  deployment: JiraDeployment
  /** Cloud: the account's email (basic auth with the API token). */
  email?: string
  /** Cloud: API token; Data Center: personal access token. Never logged nor put in errors. */
  token: string
  timeoutMs: number
  concurrency: number
  retry?: Partial<JiraRetryOptions>
}

/** One request of {@link JiraClient.request}. */
export interface JiraRequest {
  /** From the site root: `/rest/api/3/search/jql`. */
  path: string
  /** Query parameters; undefined ones are left out. */
  query?: Readonly<Record<string, string | number | boolean | undefined>>
  /** A JSON body: the request is a POST. */
  body?: unknown
  /** On a 403, what the request needs, said in the error (`the "Browse projects" permission …`). */
  needs?: string
  signal?: AbortSignal
}

/** HTTP access to one Jira site: auth, timeouts, retries, rate-limit state, errors. */
export interface JiraClient {
  readonly sourceName: string
  readonly baseUrl: string
  readonly deployment: JiraDeployment
  /** The REST API root of the deployment: `/rest/api/3` on Cloud, `/rest/api/2` on Data Center. */
  readonly api: string
  /** Sends a request and parses its JSON; throws the VmoErrors of `jira-http-errors.ts`. */
  request<T>(request: JiraRequest): Promise<T>
  /** The rate-limit headers seen last (`X-RateLimit-*`, `Retry-After`), or null before any. */
  rateLimit(): RateLimitState | null
}

// Statuses whose Response may not have a body.
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304])

const DEFAULT_RETRY: JiraRetryOptions = {
  limit: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
}

/**
 * A Jira client over `ky` (fetch): basic auth (email + API token) on Cloud, bearer personal
 * access token on Data Center; at most `concurrency` requests in flight; each attempt times out
 * after `timeoutMs` (headers and body); network errors, timeouts, 408, 429 and 5xx are retried
 * with exponential backoff and full jitter, waiting what `Retry-After` asks on 429 and 503; other
 * 4xx are not retried. Every answer's `X-RateLimit-*` and `Retry-After` headers are kept for
 * {@link JiraClient.rateLimit}. Bodies that are not JSON are CONNECTOR_BAD_RESPONSE naming the
 * request (method and path). The token never appears in an error.
 */
export function createJiraClient(options: JiraClientOptions): JiraClient {
  return new KyJiraClient(options)
}

class KyJiraClient implements JiraClient {
  readonly sourceName: string
  readonly baseUrl: string
  readonly deployment: JiraDeployment
  readonly api: string
  readonly #http: KyInstance
  readonly #limit: LimitFunction
  #rateLimit: RateLimitState | null = null

  constructor(options: JiraClientOptions) {
    this.sourceName = options.sourceName
    this.baseUrl = options.baseUrl
    this.deployment = options.deployment
    this.api = options.deployment === 'cloud' ? '/rest/api/3' : '/rest/api/2'
    this.#limit = pLimit(options.concurrency)
    this.#http = this.#createHttp(options)
  }

  rateLimit(): RateLimitState | null {
    return this.#rateLimit
  }

  request<T>(request: JiraRequest): Promise<T> {
    return this.#limit(() => this.#send<T>(request))
  }

  async #send<T>(request: JiraRequest): Promise<T> {
    const method = request.body === undefined ? 'GET' : 'POST'
    const at: FailedRequest = {
      sourceName: this.sourceName,
      request: `${method} ${request.path}`,
      needs: request.needs,
    }
    let response: KyResponse
    try {
      response = await this.#http(this.baseUrl + request.path, {
        method,
        searchParams: request.query && definedOnly(request.query),
        json: request.body,
        signal: request.signal,
      })
    } catch (error) {
      throw await this.#translate(at, error, request.signal)
    }
    return parseJson<T>(at, await response.text())
  }

  async #translate(at: FailedRequest, error: unknown, signal?: AbortSignal): Promise<unknown> {
    if (signal?.aborted) return signal.reason
    if (isHTTPError(error)) {
      const body = await error.response.text().catch(() => '')
      return httpStatusError(at, error.response, body)
    }
    return networkError(at, error)
  }

  #createHttp(options: JiraClientOptions): KyInstance {
    const retry = { ...DEFAULT_RETRY, ...options.retry }
    return ky.create({
      headers: { authorization: authorization(options), accept: 'application/json' },
      timeout: options.timeoutMs,
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
      hooks: {
        afterResponse: [
          (_request, _options, response) => {
            this.#noteRateLimit(response)
            return bufferBody(response, options.timeoutMs)
          },
        ],
      },
    })
  }

  #noteRateLimit(response: Response): void {
    const headers = response.headers
    const retryAfter = numberOf(headers.get('retry-after'))
    const limited = response.status === 429 || response.status === 503
    const state: RateLimitState = {
      limit: numberOf(headers.get('x-ratelimit-limit')),
      remaining: numberOf(headers.get('x-ratelimit-remaining')),
      resetAt: isoOf(headers.get('x-ratelimit-reset')),
      retryAfterSeconds: limited ? retryAfter : undefined,
    }
    const seen = Object.values(state).some((v) => v !== undefined)
    if (seen || this.#rateLimit !== null) this.#rateLimit = definedOnly(state)
  }
}

function authorization(options: JiraClientOptions): string {
  if (options.deployment === 'data_center') return `Bearer ${options.token}`
  const pair = `${options.email ?? ''}:${options.token}`
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`
}

/**
 * Reads the whole body within `timeoutMs` (ky's timeout ends when the headers arrive), so a body
 * that stalls or breaks off is retried like a request that never answered. Error answers are read
 * too: a body left unread would reject, unhandled, when the caller's signal aborts later.
 */
async function bufferBody(
  response: Response,
  timeoutMs: number,
): Promise<Response | ReturnType<typeof ky.retry>> {
  let timer: NodeJS.Timeout | undefined
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('body timeout')), timeoutMs)
  })
  try {
    const text = await Promise.race([response.text(), stalled])
    const init = {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    }
    return new Response(NULL_BODY_STATUSES.has(response.status) ? null : text, init)
  } catch {
    void response.body?.cancel().catch(() => undefined)
    return ky.retry()
  } finally {
    clearTimeout(timer)
  }
}

function parseJson<T>(at: FailedRequest, text: string): T {
  return parseJsonBody(text, (reason) => badResponse(at, reason))
}

function isoOf(text: string | null): string | undefined {
  if (text === null) return undefined
  const ms = Date.parse(text)
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined
}

function definedOnly<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>
  }
}
