import ky, { isHTTPError } from 'ky'
import type { KyInstance, KyResponse } from 'ky'
import pLimit from 'p-limit'
import type { LimitFunction } from 'p-limit'
import type { RateLimitState } from '../connector'
import { gitLabBadResponse, gitLabNetworkError, gitLabStatusError } from './gitlab-errors'
import type { GitLabFailedRequest } from './gitlab-errors'

/** Retries of failed requests (network errors, timeouts, 408, 429, 5xx). */
export interface GitLabRetryOptions {
  /** Retries after the first attempt; default 5. */
  limit: number
  /** First backoff delay; each retry doubles it, with full jitter; default 500 ms. */
  baseDelayMs: number
  /** The longest backoff delay; default 30 s. */
  maxDelayMs: number
  /** The longest wait a `Retry-After` may impose (longer ones are cut to it); default 120 s. */
  maxRetryAfterMs: number
}

/** Options of {@link createGitLabClient}. */
export interface GitLabClientOptions {
  sourceName: string
  /** The REST API root without a trailing slash: `https://gitlab.com/api/v4`. */
  apiUrl: string
  /** A personal, group or project access token. Never logged nor put in errors. */
  token: string
  timeoutMs: number
  concurrency: number
  retry?: Partial<GitLabRetryOptions>
}

/** One answer of {@link GitLabClient.get}: its JSON, the next page, and the total when told. */
export interface GitLabPage<T> {
  body: T
  /** The `Link: rel="next"` page (keyset or offset) as a path below the API root. */
  next?: string
  /** `x-total` (GitLab leaves it out above 10,000 records and on keyset pages). */
  total?: number
}

/** HTTP access to one GitLab instance: auth, timeouts, retries, pages, rate-limit state. */
export interface GitLabClient {
  readonly sourceName: string
  readonly apiUrl: string
  /** GETs `path` (below the API root, with its query) and parses its JSON; throws VmoErrors. */
  get<T>(path: string, signal?: AbortSignal): Promise<GitLabPage<T>>
  /** The `RateLimit-*` and `Retry-After` headers seen last, or null before any. */
  rateLimit(): RateLimitState | null
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304])

const DEFAULT_RETRY: GitLabRetryOptions = {
  limit: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
}

/**
 * A GitLab REST v4 client over `ky` (fetch): the token in `PRIVATE-TOKEN` (personal, group and
 * project access tokens alike); at most `concurrency` requests in flight; each attempt times out
 * after `timeoutMs` (headers and body); network errors, timeouts, 408, 429 and 5xx are retried
 * with exponential backoff and full jitter, waiting what `Retry-After` asks on 429 and 503.
 * Every answer's `RateLimit-Limit`, `-Remaining`, `-Reset` (epoch seconds) and `Retry-After`
 * are kept for {@link GitLabClient.rateLimit}. Errors are those of `gitlab-errors.ts`.
 */
export function createGitLabClient(options: GitLabClientOptions): GitLabClient {
  return new KyGitLabClient(options)
}

class KyGitLabClient implements GitLabClient {
  readonly sourceName: string
  readonly apiUrl: string
  readonly #http: KyInstance
  readonly #limit: LimitFunction
  #rateLimit: RateLimitState | null = null

  constructor(options: GitLabClientOptions) {
    this.sourceName = options.sourceName
    this.apiUrl = options.apiUrl
    this.#limit = pLimit(options.concurrency)
    this.#http = this.#createHttp(options)
  }

  rateLimit(): RateLimitState | null {
    return this.#rateLimit === null ? null : { ...this.#rateLimit }
  }

  get<T>(path: string, signal?: AbortSignal): Promise<GitLabPage<T>> {
    return this.#limit(() => this.#send<T>(path, signal))
  }

  async #send<T>(path: string, signal?: AbortSignal): Promise<GitLabPage<T>> {
    const at: GitLabFailedRequest = {
      sourceName: this.sourceName,
      request: `GET ${path.split('?')[0] ?? path}`,
    }
    let response: KyResponse
    try {
      response = await this.#http(this.apiUrl + path, { signal })
    } catch (error) {
      throw await translate(at, error, signal)
    }
    const body = parseJson<T>(at, await response.text())
    const total = numberOf(response.headers.get('x-total'))
    const next = this.#relative(nextLink(response.headers.get('link')))
    return {
      body,
      ...(next === undefined ? {} : { next }),
      ...(total === undefined ? {} : { total }),
    }
  }

  /** A next link as a path below the API root (an instance may name itself by another host). */
  #relative(url: string | undefined): string | undefined {
    if (url === undefined) return undefined
    if (url.startsWith(this.apiUrl)) return url.slice(this.apiUrl.length)
    const parsed = URL.canParse(url) ? new URL(url) : undefined
    const at = parsed?.pathname.indexOf('/api/v4/') ?? -1
    return parsed && at >= 0 ? parsed.pathname.slice(at + 7) + parsed.search : undefined
  }

  #createHttp(options: GitLabClientOptions): KyInstance {
    const retry = { ...DEFAULT_RETRY, ...options.retry }
    return ky.create({
      headers: { 'private-token': options.token, accept: 'application/json' },
      timeout: options.timeoutMs,
      retry: {
        limit: retry.limit,
        methods: ['get'],
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
    const reset = numberOf(headers.get('ratelimit-reset'))
    const limited = response.status === 429 || response.status === 503
    const state: RateLimitState = {
      limit: numberOf(headers.get('ratelimit-limit')),
      remaining: numberOf(headers.get('ratelimit-remaining')),
      resetAt: reset === undefined ? undefined : new Date(reset * 1000).toISOString(),
      retryAfterSeconds: limited ? numberOf(headers.get('retry-after')) : undefined,
    }
    const seen = Object.values(state).some((v) => v !== undefined)
    if (seen || this.#rateLimit !== null) {
      this.#rateLimit = Object.fromEntries(
        Object.entries(state).filter(([, v]) => v !== undefined),
      ) as RateLimitState
    }
  }
}

async function translate(at: GitLabFailedRequest, error: unknown, signal?: AbortSignal) {
  if (signal?.aborted) return signal.reason as unknown
  if (isHTTPError(error)) {
    const body = await error.response.text().catch(() => '')
    return gitLabStatusError(at, error.response.status, body)
  }
  return gitLabNetworkError(at, error)
}

/** The `rel="next"` URL of a `Link` header, if it has one. */
export function nextLink(header: string | null): string | undefined {
  for (const part of (header ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part)
    if (match) return match[1]
  }
  return undefined
}

/**
 * Reads the whole body within `timeoutMs` (ky's timeout ends when the headers arrive), so a body
 * that stalls or breaks off is retried like a request that never answered.
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

function parseJson<T>(at: GitLabFailedRequest, text: string): T {
  try {
    return JSON.parse(text) as T
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw gitLabBadResponse(at, `malformed or truncated json (${reason})`)
  }
}

function numberOf(text: string | null): number | undefined {
  if (text === null || text.trim() === '') return undefined
  const value = Number(text)
  return Number.isFinite(value) ? value : undefined
}
