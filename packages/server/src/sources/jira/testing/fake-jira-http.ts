import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Fault } from '../../testing/connector-contract'

/** A fake's answer: a status, a JSON body (or raw text) and extra headers. */
export interface FakeAnswer {
  status: number
  body?: unknown
  text?: string
  headers?: Record<string, string>
}

/** A parsed request handed to the fake's router. */
export interface FakeRequest {
  method: string
  path: string
  query: URLSearchParams
  body: unknown
  authorization: string
}

/** What the HTTP layer needs from a fake: authentication, routing, and per-response headers. */
export interface FakeHandlers {
  authorized(authorization: string): boolean
  route(request: FakeRequest): FakeAnswer
  /** Headers added to every answer (Cloud's `X-RateLimit-*`). */
  headers(status: number): Record<string, string>
}

/** One request and its answer, as sent and received on the wire. */
export interface FakeExchange {
  method: string
  /** Path and query. */
  target: string
  requestBody: string
  status: number
  responseBody: string
}

/** The HTTP side of a fake Jira: listening, faults, the request log and the transcript. */
export interface FakeHttp {
  readonly url: string
  injectFault(fault: Fault): void
  /** Drops the faults not yet answered. */
  clearFaults(): void
  requestLog(): readonly string[]
  /** Every exchange so far when started with `record` (else empty). */
  transcript(): readonly FakeExchange[]
  close(): Promise<void>
}

/** Jira's error body. */
export function jiraError(
  status: number,
  message: string,
  headers?: Record<string, string>,
): FakeAnswer {
  return { status, body: { errorMessages: [message], errors: {} }, headers }
}

const FAULT_ANSWERS: Record<Exclude<Fault['kind'], 'hang' | 'truncated_json'>, FakeAnswer> = {
  rate_limited: { ...jiraError(429, 'Rate limit exceeded.'), headers: { 'retry-after': '1' } },
  unavailable: { ...jiraError(503, 'Service Unavailable'), headers: { 'retry-after': '1' } },
  server_error: jiraError(500, 'Internal server error'),
  malformed_json: { status: 200, text: '<html><body>Atlassian proxy error</body></html>' },
  unauthorized: {
    ...jiraError(
      401,
      'You are not authenticated. Authentication required to perform this operation.',
    ),
    headers: { 'x-seraph-loginreason': 'AUTHENTICATED_FAILED' },
  },
  forbidden: jiraError(403, 'You do not have permission to perform this operation.'),
}

/**
 * Serves `handlers` on 127.0.0.1 (a free port): checks the `Authorization` header (401 in
 * Jira's words otherwise), answers the injected faults first (each fault counts down on the
 * requests whose path and query contain its `path`), logs every request's path and query.
 */
export async function listenFakeJira(
  handlers: FakeHandlers,
  options: { record?: boolean } = {},
): Promise<FakeHttp> {
  const faults: Fault[] = []
  const log: string[] = []
  const exchanges: FakeExchange[] = []
  const hanging = new Set<ServerResponse>()
  const server: Server = createServer((req, res) => {
    void serve(req, res).catch((error: unknown) => {
      send(res, jiraError(500, error instanceof Error ? error.message : String(error)), {})
    })
  })

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.url ?? '/'
    log.push(target)
    const text = await readBody(req)
    const fault = takeFault(faults, target)
    if (fault === 'hang') {
      hanging.add(res)
      return
    }
    const url = new URL(target, 'http://fake')
    const answer = answerOf(handlers, fault, {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: text === '' ? undefined : safeJson(text),
      authorization: req.headers.authorization ?? '',
    })
    const responseBody = send(res, answer, handlers.headers(answer.status))
    if (options.record) {
      const method = req.method ?? 'GET'
      exchanges.push({ method, target, requestBody: text, status: answer.status, responseBody })
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    injectFault: (fault) => faults.push({ ...fault }),
    clearFaults: () => faults.splice(0),
    requestLog: () => [...log],
    transcript: () => [...exchanges],
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function answerOf(
  handlers: FakeHandlers,
  fault: Exclude<Fault['kind'], 'hang'> | undefined,
  request: FakeRequest,
): FakeAnswer {
  if (fault !== undefined && fault !== 'truncated_json') return FAULT_ANSWERS[fault]
  if (!handlers.authorized(request.authorization)) return FAULT_ANSWERS.unauthorized
  const answer = handlers.route(request)
  if (fault !== 'truncated_json') return answer
  const whole = answer.text ?? JSON.stringify(answer.body)
  return { ...answer, text: whole.slice(0, Math.floor(whole.length / 2)) }
}

function takeFault(faults: Fault[], target: string): Fault['kind'] | undefined {
  const index = faults.findIndex((f) => f.count > 0 && target.includes(f.path))
  const fault = faults[index]
  if (!fault) return undefined
  fault.count--
  if (fault.count === 0) faults.splice(index, 1)
  return fault.kind
}

function send(res: ServerResponse, answer: FakeAnswer, common: Record<string, string>): string {
  const text = answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body))
  res.writeHead(answer.status, {
    'content-type': 'application/json;charset=UTF-8',
    'content-length': Buffer.byteLength(text),
    ...common,
    ...answer.headers,
  })
  res.end(text)
  return text
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return { malformed: text }
  }
}
