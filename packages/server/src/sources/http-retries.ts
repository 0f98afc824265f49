import type { VmoError } from '@openvmo/core'
import { sleep } from './abortable-sleep'
import type { HttpAnswer } from './keep-alive-http'

/** Retries of failed requests (network errors, timeouts, 408, 429, 5xx). */
export interface HttpRetryOptions {
  /** Retries after the first attempt; default 5. */
  limit: number
  /** First backoff delay; each retry doubles it, with full jitter; default 500 ms. */
  baseDelayMs: number
  /** The longest backoff delay; default 30 s. */
  maxDelayMs: number
  /** The longest wait a `Retry-After` may impose (longer ones are cut to it); default 120 s. */
  maxRetryAfterMs: number
}

/** The retry settings of the connectors over {@link sendWithRetries}. */
export const DEFAULT_HTTP_RETRY: HttpRetryOptions = {
  limit: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
}

/** Statuses tried again: request timeout, too many requests, and the passing server errors. */
export const RETRIED_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504])

/** How one client sends, reads and judges its requests, for {@link sendWithRetries}. */
export interface RetriedRequest {
  send(): Promise<HttpAnswer>
  retry: HttpRetryOptions
  signal?: AbortSignal
  /** Called with every answer (to note rate-limit headers). */
  onAnswer(answer: HttpAnswer): void
  /** Whether an answer is the one to return (default: status below 400). */
  accepts?(answer: HttpAnswer): boolean
  /** The error of a final answer that is not accepted (after the retries, or not retried). */
  statusError(answer: HttpAnswer): VmoError
  /** The error of a network failure or timeout that outlasted the retries. */
  networkError(error: unknown): VmoError
}

/**
 * The answer of a request after its retries: network errors, timeouts, 408, 429 and 5xx are
 * tried again after an exponential backoff with full jitter, or after what `Retry-After` asks
 * (seconds, cut to `maxRetryAfterMs`) on 429 and 503. Rejects with the signal's reason when it
 * aborts, else with the request's own errors.
 */
export async function sendWithRetries(request: RetriedRequest): Promise<HttpAnswer> {
  const { retry, signal } = request
  const accepts = request.accepts ?? ((answer: HttpAnswer) => answer.status < 400)
  for (let attempt = 0; ; attempt++) {
    const last = attempt >= retry.limit
    const backoff = Math.random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt)
    let answer: HttpAnswer
    try {
      answer = await request.send()
    } catch (error) {
      if (signal?.aborted) throw signal.reason
      if (last) throw request.networkError(error)
      await sleep(backoff, signal)
      continue
    }
    request.onAnswer(answer)
    if (accepts(answer)) return answer
    if (last || !RETRIED_STATUSES.has(answer.status)) throw request.statusError(answer)
    const asked = numberOf(headerOf(answer, 'retry-after'))
    const waits = (answer.status === 429 || answer.status === 503) && asked !== undefined
    await sleep(waits ? Math.min(asked * 1000, retry.maxRetryAfterMs) : backoff, signal)
  }
}

/** The first value of a header of an answer (names are lower case). */
export function headerOf(answer: HttpAnswer, name: string): string | undefined {
  const value = answer.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** A header's number, or undefined when it is absent, blank or not a finite number. */
export function numberOf(text: string | null | undefined): number | undefined {
  if (text === null || text === undefined || text.trim() === '') return undefined
  const value = Number(text)
  return Number.isFinite(value) ? value : undefined
}

/** A rate-limit state without its unknown members, as `Connector.rateLimit` reports it. */
export function definedMembers<T extends object>(state: T): T {
  return Object.fromEntries(Object.entries(state).filter(([, v]) => v !== undefined)) as T
}

/**
 * The JSON of a tool's answer; the error `refuse` makes (a connector's bad-response error) when
 * the text is malformed or truncated, with the parser's reason.
 */
export function parseJsonBody<T>(text: string, refuse: (reason: string) => Error): T {
  try {
    return JSON.parse(text) as T
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw refuse(`malformed or truncated json (${reason})`)
  }
}
