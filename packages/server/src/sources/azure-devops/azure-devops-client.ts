import pLimit from 'p-limit'
import type { LimitFunction } from 'p-limit'
import type { RateLimitState } from '../connector'
import {
  DEFAULT_HTTP_RETRY,
  definedMembers,
  headerOf,
  numberOf,
  parseJsonBody,
  sendWithRetries,
} from '../http-retries'
import type { HttpRetryOptions } from '../http-retries'
import { KeepAliveHttp } from '../keep-alive-http'
import type { HttpAnswer } from '../keep-alive-http'
import { azureBadResponse, azureNetworkError, azureStatusError } from './azure-devops-errors'
import type { AzureFailedRequest } from './azure-devops-errors'

/** Options of {@link createAzureDevOpsClient}. */
export interface AzureDevOpsClientOptions {
  sourceName: string
  /** The organisation or collection URL without a trailing slash. */
  baseUrl: string
  apiVersion: string
  /** A personal access token. Never logged nor put in errors. */
  token: string
  timeoutMs: number
  concurrency: number
  retry?: Partial<HttpRetryOptions>
}

/** HTTP access to one Azure DevOps organisation or collection. */
export interface AzureDevOpsClient {
  readonly sourceName: string
  /**
   * GETs `path` (below the base URL, with its query; `api-version` is added) and parses its
   * JSON; throws the VmoErrors of `azure-devops-errors.ts`.
   */
  get<T>(path: string, signal?: AbortSignal): Promise<T>
  /** POSTs `body` as JSON to `path` and parses the JSON answer. */
  post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T>
  /** The `X-RateLimit-*` and `Retry-After` headers seen last, or null before any. */
  rateLimit(): RateLimitState | null
}

/**
 * An Azure DevOps REST client over keep-alive node:http(s) (the transport the GitLab connector
 * shares, for the same reason: about one request per item, where fetch's cost per request would
 * pass the 1 ms of CPU per item the connectors must meet). The PAT goes as basic auth with an
 * empty user name; at most `concurrency` requests are in flight; each attempt times out after
 * `timeoutMs`; network errors, timeouts, 408, 429 and 5xx are retried (`http-retries.ts`),
 * waiting what `Retry-After` asks. A 203 (the sign-in page a bad PAT gets on some endpoints) and
 * an HTML page in place of JSON are auth errors, never retried. `X-RateLimit-Limit`,
 * `-Remaining`, `-Reset` (epoch seconds) and `Retry-After` are kept for `rateLimit()`.
 */
export function createAzureDevOpsClient(options: AzureDevOpsClientOptions): AzureDevOpsClient {
  return new HttpAzureDevOpsClient(options)
}

class HttpAzureDevOpsClient implements AzureDevOpsClient {
  readonly sourceName: string
  readonly #base: string
  readonly #apiVersion: string
  readonly #http: KeepAliveHttp
  readonly #limit: LimitFunction
  readonly #retry: HttpRetryOptions
  #rateLimit: RateLimitState | null = null

  constructor(options: AzureDevOpsClientOptions) {
    this.sourceName = options.sourceName
    this.#base = options.baseUrl
    this.#apiVersion = options.apiVersion
    this.#limit = pLimit(options.concurrency)
    this.#retry = { ...DEFAULT_HTTP_RETRY, ...options.retry }
    const basic = Buffer.from(`:${options.token}`, 'utf8').toString('base64')
    const headers = { authorization: `Basic ${basic}`, accept: 'application/json' }
    this.#http = new KeepAliveHttp(headers, options.timeoutMs)
  }

  rateLimit(): RateLimitState | null {
    return this.#rateLimit === null ? null : { ...this.#rateLimit }
  }

  get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.#limit(() => this.#send<T>('GET', { path, signal }))
  }

  post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.#limit(() => this.#send<T>('POST', { path, json: JSON.stringify(body), signal }))
  }

  async #send<T>(
    method: 'GET' | 'POST',
    at: { path: string; json?: string; signal?: AbortSignal },
  ): Promise<T> {
    const failed: AzureFailedRequest = {
      sourceName: this.sourceName,
      request: `${method} ${at.path.split('?')[0] ?? at.path}`,
    }
    const url = new URL(this.#base + at.path)
    url.searchParams.set('api-version', this.#apiVersion)
    const answer = await sendWithRetries({
      send: () => this.#http.request(url, { method, json: at.json }, at.signal),
      retry: this.#retry,
      signal: at.signal,
      onAnswer: (a) => this.#noteRateLimit(a),
      accepts: (a) => a.status < 400 && a.status !== 203,
      statusError: (a) => azureStatusError(failed, a.status, a.text),
      networkError: (error) => azureNetworkError(failed, error),
    })
    if (/^\s*</.test(answer.text)) {
      // an HTML sign-in page with 200: Azure DevOps Server's answer to an unknown PAT
      throw azureStatusError(failed, 203, answer.text)
    }
    return parseJsonBody<T>(answer.text, (reason) => azureBadResponse(failed, reason))
  }

  #noteRateLimit(answer: HttpAnswer): void {
    const reset = numberOf(headerOf(answer, 'x-ratelimit-reset'))
    const limited = answer.status === 429 || answer.status === 503
    const state: RateLimitState = {
      limit: numberOf(headerOf(answer, 'x-ratelimit-limit')),
      remaining: numberOf(headerOf(answer, 'x-ratelimit-remaining')),
      resetAt: reset === undefined ? undefined : new Date(reset * 1000).toISOString(),
      retryAfterSeconds: limited ? numberOf(headerOf(answer, 'retry-after')) : undefined,
    }
    const seen = Object.values(state).some((v) => v !== undefined)
    if (seen || this.#rateLimit !== null) this.#rateLimit = definedMembers(state)
  }
}
