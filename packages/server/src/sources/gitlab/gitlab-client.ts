import pLimit from 'p-limit'
import type { LimitFunction } from 'p-limit'
import type { RateLimitState } from '../connector'
import { gitLabBadResponse, gitLabNetworkError, gitLabStatusError } from './gitlab-errors'
import type { GitLabFailedRequest } from './gitlab-errors'
import {
  DEFAULT_HTTP_RETRY,
  definedMembers,
  headerOf as header,
  numberOf,
  parseJsonBody,
  sendWithRetries,
} from '../http-retries'
import type { HttpRetryOptions } from '../http-retries'
import { KeepAliveHttp } from '../keep-alive-http'
import type { HttpAnswer } from '../keep-alive-http'

/** Retries of failed requests (network errors, timeouts, 408, 429, 5xx). */
export type GitLabRetryOptions = HttpRetryOptions

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

/**
 * Written here rather than with ky (as the Jira client is): GitLab needs about four requests per
 * item (three event lists and the links), and fetch's cost per request on Node 20 made the pull
 * 4.3 ms of CPU per item against 0.8 ms over plain keep-alive node:http with this loop (measured
 * with scripts/bench/gitlab-pull-bench.ts), above the 1 ms per item the connectors must meet.
 *
 * A GitLab REST v4 client over keep-alive node:http(s) connections: the token in `PRIVATE-TOKEN` (personal, group and
 * project access tokens alike); at most `concurrency` requests in flight; each attempt times out
 * after `timeoutMs` (headers and body); network errors, timeouts, 408, 429 and 5xx are retried
 * with exponential backoff and full jitter, waiting what `Retry-After` asks on 429 and 503.
 * Every answer's `RateLimit-Limit`, `-Remaining`, `-Reset` (epoch seconds) and `Retry-After`
 * are kept for {@link GitLabClient.rateLimit}. Errors are those of `gitlab-errors.ts`.
 */
export function createGitLabClient(options: GitLabClientOptions): GitLabClient {
  return new HttpGitLabClient(options)
}

class HttpGitLabClient implements GitLabClient {
  readonly sourceName: string
  readonly apiUrl: string
  readonly #http: KeepAliveHttp
  readonly #limit: LimitFunction
  readonly #retry: GitLabRetryOptions
  #rateLimit: RateLimitState | null = null

  constructor(options: GitLabClientOptions) {
    this.sourceName = options.sourceName
    this.apiUrl = options.apiUrl
    this.#limit = pLimit(options.concurrency)
    this.#retry = { ...DEFAULT_HTTP_RETRY, ...options.retry }
    const headers = { 'private-token': options.token, accept: 'application/json' }
    this.#http = new KeepAliveHttp(headers, options.timeoutMs)
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
    const answer = await this.#answer(new URL(this.apiUrl + path), at, signal)
    const body = parseJson<T>(at, answer.text)
    const total = numberOf(header(answer, 'x-total'))
    const next = this.#relative(nextLink(header(answer, 'link') ?? null))
    return {
      body,
      ...(next === undefined ? {} : { next }),
      ...(total === undefined ? {} : { total }),
    }
  }

  /** The answer after the retries of `http-retries.ts`, or the error of `gitlab-errors.ts`. */
  #answer(url: URL, at: GitLabFailedRequest, signal?: AbortSignal): Promise<HttpAnswer> {
    return sendWithRetries({
      send: () => this.#http.get(url, signal),
      retry: this.#retry,
      signal,
      onAnswer: (answer) => this.#noteRateLimit(answer),
      statusError: (answer) => gitLabStatusError(at, answer.status, answer.text),
      networkError: (error) => gitLabNetworkError(at, error),
    })
  }

  /** A next link as a path below the API root (an instance may name itself by another host). */
  #relative(url: string | undefined): string | undefined {
    if (url === undefined) return undefined
    if (url.startsWith(this.apiUrl)) return url.slice(this.apiUrl.length)
    const parsed = URL.canParse(url) ? new URL(url) : undefined
    const at = parsed?.pathname.indexOf('/api/v4/') ?? -1
    return parsed && at >= 0 ? parsed.pathname.slice(at + 7) + parsed.search : undefined
  }

  #noteRateLimit(answer: HttpAnswer): void {
    const reset = numberOf(header(answer, 'ratelimit-reset'))
    const limited = answer.status === 429 || answer.status === 503
    const state: RateLimitState = {
      limit: numberOf(header(answer, 'ratelimit-limit')),
      remaining: numberOf(header(answer, 'ratelimit-remaining')),
      resetAt: reset === undefined ? undefined : new Date(reset * 1000).toISOString(),
      retryAfterSeconds: limited ? numberOf(header(answer, 'retry-after')) : undefined,
    }
    const seen = Object.values(state).some((v) => v !== undefined)
    if (seen || this.#rateLimit !== null) {
      this.#rateLimit = definedMembers(state)
    }
  }
}

/** The `rel="next"` URL of a `Link` header, if it has one. */
export function nextLink(header: string | null): string | undefined {
  for (const part of (header ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part)
    if (match) return match[1]
  }
  return undefined
}

function parseJson<T>(at: GitLabFailedRequest, text: string): T {
  return parseJsonBody(text, (reason) => gitLabBadResponse(at, reason))
}
