/** An error answered by the openvmo API (`{ error: { code, message } }`) or by the network. */
export class ApiError extends Error {
  readonly code: string
  readonly status: number
  /** The API's `details`, when it gives them (e.g. `{ noMapping: true }`). */
  readonly details: Readonly<Record<string, unknown>>

  constructor(
    code: string,
    message: string,
    answer: { status: number; details?: Readonly<Record<string, unknown>> },
  ) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.status = answer.status
    this.details = answer.details ?? {}
  }
}

// The CSRF token of the signed-in session (from sign-in or GET /auth/me): every write sends it.
let csrfToken: string | null = null

/** Sets (or with null clears) the session's CSRF token that writes send as `X-CSRF-Token`. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

/** Query-string values; `undefined`, empty strings and empty arrays are left out. */
export type QueryValue = string | number | boolean | readonly string[] | undefined
export type Query = Readonly<Record<string, QueryValue>>

/** Builds `path?query`, joining arrays with commas as the API expects. */
export function buildUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','))
    } else params.set(key, String(value))
  }
  const text = params.toString()
  return text ? `${path}?${text}` : path
}

function isErrorBody(
  body: unknown,
): body is { error: { code: string; message: string; details?: object } } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false
  const error = (body as { error: unknown }).error
  return typeof error === 'object' && error !== null && 'message' in error
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  if (!text) return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/**
 * Sends a request to the API and returns the parsed JSON body. A non-2xx answer becomes an
 * {@link ApiError} carrying the API's code and message; a network failure becomes
 * `NETWORK_ERROR`.
 */
export async function request<T>(
  path: string,
  init: {
    method?: string
    query?: Query
    body?: unknown
    headers?: Record<string, string>
    signal?: AbortSignal
  } = {},
): Promise<T> {
  let response: Response
  const method = init.method ?? 'GET'
  try {
    response = await fetch(buildUrl(path, init.query), {
      method,
      headers: {
        accept: 'application/json',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method !== 'GET' && csrfToken !== null ? { 'x-csrf-token': csrfToken } : {}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    })
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause
    throw new ApiError('NETWORK_ERROR', `cannot reach the openvmo API at ${path}`, { status: 0 })
  }
  const body = await readBody(response)
  if (!response.ok) {
    if (isErrorBody(body)) {
      const { code, message, details } = body.error
      const known = (details ?? {}) as Record<string, unknown>
      throw new ApiError(code ?? 'INTERNAL', message, { status: response.status, details: known })
    }
    throw new ApiError('HTTP_ERROR', `${path} answered ${response.status}`, {
      status: response.status,
    })
  }
  return body as T
}
