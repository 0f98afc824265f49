import { sleep } from '../abortable-sleep'
import type { RateLimitState } from '../connector'

/** The error a request that got no answer in time fails with (Octokit retries it as a 5xx). */
export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`)
    this.name = 'RequestTimeoutError'
  }
}

/**
 * An abort controller that also aborts when `parent` does (with its reason), until `dispose`
 * unlinks it. Unlike `AbortSignal.any`, it leaves nothing behind on a long-lived parent signal.
 */
export function linkedAbortController(parent?: AbortSignal | null) {
  const controller = new AbortController()
  const onAbort = () => controller.abort(parent?.reason)
  if (parent?.aborted) onAbort()
  else parent?.addEventListener('abort', onAbort, { once: true })
  return {
    controller,
    dispose: () => parent?.removeEventListener('abort', onAbort),
  }
}

export { sleep }

function headerNumber(headers: Headers, name: string): number | undefined {
  const text = headers.get(name)
  if (text === null || text.trim() === '') return undefined
  const value = Number(text)
  return Number.isFinite(value) ? value : undefined
}

/**
 * The rate limit as GitHub's last answer stated it: `x-ratelimit-limit`, `-remaining`, `-reset`
 * (epoch seconds, kept as ISO-8601) and `retry-after`, which holds until an answer succeeds.
 */
export class RateLimitRecorder {
  #state: RateLimitState | null = null

  record(status: number, headers: Headers): void {
    const next: RateLimitState = { ...this.#state }
    const limit = headerNumber(headers, 'x-ratelimit-limit')
    const remaining = headerNumber(headers, 'x-ratelimit-remaining')
    const reset = headerNumber(headers, 'x-ratelimit-reset')
    const retryAfter = headerNumber(headers, 'retry-after')
    if (limit !== undefined) next.limit = limit
    if (remaining !== undefined) next.remaining = remaining
    if (reset !== undefined) next.resetAt = new Date(reset * 1000).toISOString()
    if (retryAfter !== undefined) next.retryAfterSeconds = retryAfter
    else if (status < 400) delete next.retryAfterSeconds
    this.#state = next
  }

  get state(): RateLimitState | null {
    return this.#state === null ? null : { ...this.#state }
  }
}

/** Options of {@link createGitHubFetch}. */
export interface GitHubFetchOptions {
  timeoutMs: number
  /** How long one second of a `Retry-After` lasts (1000; tests make it a few ms). */
  secondMs: number
  /** The longest `Retry-After` of a 5xx that is waited out, in seconds. */
  maxRetryAfterSeconds: number
  rateLimit: RateLimitRecorder
}

/**
 * The `fetch` the connector's Octokit uses: every request gets `timeoutMs` to answer (its
 * headers; then a {@link RequestTimeoutError}, which Octokit's retry plugin retries like a 5xx;
 * an abort of the caller's signal stays an `AbortError` and is not retried), every answer's
 * rate-limit headers are recorded, and a 5xx with `Retry-After` is held back for that long before
 * the retry plugin sees it (the plugin's own backoff ignores the header).
 */
export function createGitHubFetch(options: GitHubFetchOptions): typeof fetch {
  return async (input, init) => {
    const caller = init?.signal ?? undefined
    const { controller, dispose } = linkedAbortController(caller)
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort(new RequestTimeoutError(options.timeoutMs))
    }, options.timeoutMs)
    let response: Response
    try {
      response = await fetch(input, { ...init, signal: controller.signal })
    } catch (error) {
      if (timedOut && !caller?.aborted) throw new RequestTimeoutError(options.timeoutMs)
      throw error
    } finally {
      clearTimeout(timer)
      dispose()
    }
    options.rateLimit.record(response.status, response.headers)
    const retryAfter = headerNumber(response.headers, 'retry-after')
    if (response.status >= 500 && retryAfter !== undefined) {
      const seconds = Math.min(retryAfter, options.maxRetryAfterSeconds)
      await sleep(seconds * options.secondMs, caller)
    }
    return response
  }
}
