import { Octokit } from '@octokit/core'
import { RequestError } from '@octokit/request-error'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck'
import { VmoError } from '@openvmo/core'
import type { RateLimitState } from '../connector'
import type { EtagCache } from './github-etag-cache'
import { badBodyError, toGitHubError } from './github-errors'
import type { GitHubRequestContext } from './github-errors'
import { RateLimitRecorder, createGitHubFetch, sleep } from './github-fetch'

const GitHubOctokit = Octokit.plugin(retry, throttling)

/**
 * The least time between two GraphQL requests of a source: GitHub's secondary rate limits allow
 * the GraphQL endpoint at most 2,000 points a minute, and a query without mutations costs 1 point
 * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits,
 * "Calculating points for the secondary rate limit"); 35 ms apart makes at most about 1,700 a
 * minute. The primary limit (5,000 points an hour for a user's token) charges a query of 100
 * items' timelines 1 point (https://docs.github.com/en/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api).
 */
export const GRAPHQL_INTERVAL_MS = 35

/** The longest `Retry-After` of a 5xx answer that is waited out before a retry. */
const MAX_5XX_WAIT_SECONDS = 60

/** Retry and wait settings; tests shorten them, production keeps the defaults. */
export interface GitHubClientTuning {
  /** Retries of a request after 5xx, timeouts and rate limits (default 3). */
  retries?: number
  /** The retry plugin's backoff unit: retry n waits n² × this (default 1000 ms). */
  retryBaseMs?: number
  /** How long one second of a `Retry-After` or rate-limit reset lasts (default 1000 ms). */
  secondMs?: number
  /**
   * The least time between two GraphQL requests (default {@link GRAPHQL_INTERVAL_MS}; the
   * throttling plugin's own default, 1000 ms, is its pace for writes).
   */
  graphqlIntervalMs?: number
}

/** Options of {@link GitHubClient}. */
export interface GitHubClientOptions {
  sourceName: string
  apiUrl: string
  token: string
  timeoutMs: number
  /** The longest wait for a rate limit to lift before the request fails (seconds). */
  maxRateLimitWaitSeconds: number
  tuning?: GitHubClientTuning
}

/** One of the `errors` of a GraphQL answer (`NOT_FOUND`, `FORBIDDEN`, `RATE_LIMITED` …). */
export interface GitHubGraphqlError {
  type?: string
  message?: string
  path?: (string | number)[]
}

/** A page read with {@link GitHubClient.getJson}. */
export interface GitHubPage<T> {
  value: T
  /** The URL of the next page (`Link: <…>; rel="next"`), when there is one. */
  next?: string
  /** GitHub answered 304: `value` is the cached one and the request cost no rate limit. */
  notModified: boolean
  headers: Record<string, string | number | undefined>
}

const SILENT_LOG = { debug() {}, info() {}, warn() {}, error() {} }

/** The URL of relation `rel` (`next`, `last`) in a `Link` header. */
export function findLink(link: unknown, rel: string): string | undefined {
  if (typeof link !== 'string') return undefined
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part)
    if (match?.[2]?.split(/\s+/).includes(rel)) return match[1]
  }
  return undefined
}

/** The JSON of a response body; undefined when it is empty, cut short or not JSON. */
async function readJson(body: ReadableStream<Uint8Array> | null): Promise<unknown> {
  if (body === null) return undefined
  try {
    return JSON.parse(await new Response(body).text()) as unknown
  } catch {
    return undefined
  }
}

/** The GraphQL endpoint next to a REST root (`…/api/v3` on GitHub Enterprise Server). */
export function graphqlUrlOf(apiUrl: string): string {
  return /\/api\/v3$/.test(apiUrl) ? apiUrl.replace(/\/v3$/, '/graphql') : `${apiUrl}/graphql`
}

/**
 * GitHub over Octokit, for one source: token auth, the throttling plugin for primary and
 * secondary rate limits (waits up to `maxRateLimitWaitSeconds`, abortable, at most `retries`
 * times), the retry plugin for 5xx and timeouts (no retry of other 4xx), a timeout per request,
 * conditional requests through an {@link EtagCache}, and errors as `toGitHubError` describes.
 */
export class GitHubClient {
  readonly #octokit: InstanceType<typeof GitHubOctokit>
  readonly #rateLimit = new RateLimitRecorder()
  readonly #options: GitHubClientOptions
  readonly #retries: number
  readonly #secondMs: number
  readonly #graphqlUrl: string

  constructor(options: GitHubClientOptions) {
    this.#options = options
    const tuning = options.tuning ?? {}
    const retries = tuning.retries ?? 3
    const secondMs = tuning.secondMs ?? 1000
    this.#retries = retries
    this.#secondMs = secondMs
    this.#graphqlUrl = graphqlUrlOf(options.apiUrl)
    // the plugin calls (retryAfter, options, octokit, retryCount)
    const onLimit = async (
      retryAfter: number,
      request: { request?: { signal?: AbortSignal | null } },
      ...[, retryCount]: [unknown, number]
    ) => {
      if (retryCount >= retries || retryAfter > options.maxRateLimitWaitSeconds) return false
      await sleep(retryAfter * secondMs, request.request?.signal)
      return true
    }
    this.#octokit = new GitHubOctokit({
      auth: options.token,
      baseUrl: options.apiUrl,
      log: SILENT_LOG,
      request: {
        fetch: createGitHubFetch({
          timeoutMs: options.timeoutMs,
          secondMs,
          maxRetryAfterSeconds: Math.min(options.maxRateLimitWaitSeconds, MAX_5XX_WAIT_SECONDS),
          rateLimit: this.#rateLimit,
        }),
      },
      // the handlers wait themselves (abortably), so the plugin's own wait is zero
      throttle: {
        id: `openvmo-${options.sourceName}`,
        retryAfterBaseValue: 0,
        onRateLimit: onLimit,
        onSecondaryRateLimit: onLimit,
        // this source's own GraphQL pace, not the plugin's process-wide limiter
        write: new Bottleneck.Group({
          maxConcurrent: 1,
          minTime: tuning.graphqlIntervalMs ?? GRAPHQL_INTERVAL_MS,
        }),
      },
      retry: {
        retries,
        retryAfterBaseValue: tuning.retryBaseMs ?? 1000,
        doNotRetry: [304, 400, 401, 403, 404, 410, 422, 429, 451],
      },
    })
  }

  /** The rate limit as of GitHub's last answer, or null before the first. */
  rateLimit(): RateLimitState | null {
    return this.#rateLimit.state
  }

  /**
   * GETs `url` (a path below the API root, or a full URL from a `Link` header) and returns
   * `derive(body)`; with a `cache`, the request carries the page's last ETag and a 304 returns
   * the cached value. A body that is not JSON is CONNECTOR_BAD_RESPONSE.
   */
  async getJson<T>(
    url: string,
    options: { signal?: AbortSignal; derive: (body: unknown) => T; cache?: EtagCache<T> },
  ): Promise<GitHubPage<T>> {
    const cached = options.cache?.get(url)
    const ctx = this.#context('GET', url)
    try {
      const response = await this.#octokit.request({
        method: 'GET',
        url,
        headers: cached ? { 'if-none-match': cached.etag } : {},
        // the body is parsed here with JSON.parse: Octokit's big-integer-safe parser costs
        // several times more, and turns a broken body into a string instead of an error
        request: { signal: options.signal, parseSuccessResponseBody: false },
      })
      const body = await readJson(response.data as ReadableStream<Uint8Array> | null)
      if (typeof body !== 'object' || body === null) throw badBodyError(ctx, response.status)
      const value = options.derive(body)
      const next = findLink(response.headers.link, 'next')
      const etag = response.headers.etag
      if (options.cache && typeof etag === 'string') options.cache.set(url, { etag, value, next })
      return { value, next, notModified: false, headers: response.headers }
    } catch (error) {
      if (error instanceof RequestError && error.status === 304 && cached) {
        const headers = error.response?.headers ?? {}
        return { value: cached.value, next: cached.next, notModified: true, headers }
      }
      throw this.#error(error, ctx, options.signal)
    }
  }

  /**
   * POSTs a GraphQL query; returns `data` and GitHub's `errors` (a query can partly fail: a
   * node that is gone is an error next to the others' data). An answer whose errors say
   * RATE_LIMITED is waited out until the limit's reset and asked again, like the throttling
   * plugin does (at most `retries` times, each wait at most `maxRateLimitWaitSeconds`), then it
   * is CONNECTOR_RATE_LIMITED.
   */
  async graphql<T>(
    query: string,
    variables: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<{ data: T | null; errors: GitHubGraphqlError[] }> {
    const ctx = this.#context('POST', '/graphql')
    for (let retry = 0; ; retry++) {
      const answer = await this.#graphqlOnce<T>(ctx, { query, variables }, signal)
      if (!answer.errors.some((e) => e.type === 'RATE_LIMITED')) return answer
      const reset = Number(answer.headers['x-ratelimit-reset'])
      const wait = Number.isFinite(reset)
        ? Math.max(0, Math.ceil(reset - Date.now() / 1000) + 1)
        : 60
      if (retry >= this.#retries || wait > this.#options.maxRateLimitWaitSeconds) {
        const until = Number.isFinite(reset)
          ? `; the limit resets at ${new Date(reset * 1000).toISOString()}`
          : ''
        throw new VmoError(
          'CONNECTOR_RATE_LIMITED',
          `github source "${ctx.sourceName}": POST /graphql: still rate limited after ${retry} retries (GitHub answered RATE_LIMITED)${until}`,
          { details: { source: ctx.sourceName, path: '/graphql' } },
        )
      }
      await sleep(wait * this.#secondMs, signal)
    }
  }

  async #graphqlOnce<T>(ctx: GitHubRequestContext, body: object, signal?: AbortSignal) {
    try {
      const response = await this.#octokit.request(`POST ${this.#graphqlUrl}`, {
        ...body,
        // parsed here with JSON.parse, as in getJson: Octokit's parser costs several times more
        request: { signal, parseSuccessResponseBody: false },
      })
      const parsed = (await readJson(response.data as ReadableStream<Uint8Array> | null)) as
        { data?: T | null; errors?: unknown } | undefined
      if (typeof parsed !== 'object' || parsed === null) throw badBodyError(ctx, response.status)
      const errors = (Array.isArray(parsed.errors) ? parsed.errors : []) as GitHubGraphqlError[]
      return { data: parsed.data ?? null, errors, headers: response.headers }
    } catch (error) {
      throw this.#error(error, ctx, signal)
    }
  }

  #context(method: string, url: string): GitHubRequestContext {
    const root = this.#options.apiUrl
    const path = url.startsWith(root) ? url.slice(root.length) : url
    return { sourceName: this.#options.sourceName, method, path, retries: this.#retries }
  }

  #error(error: unknown, ctx: GitHubRequestContext, signal?: AbortSignal): Error {
    if (signal?.aborted)
      return signal.reason instanceof Error ? signal.reason : new Error('aborted')
    return toGitHubError(error, ctx)
  }
}
