import type { WorkItemRecord } from '@openvmo/core'

/**
 * What a source syncs on its own cursor: a Jira project (`project`, value `PAY`) or JQL query
 * (`jql`), a GitHub repository (`repo`, value `acme/pay`) or organisation (`org`, value `acme`).
 * `name` is how openvmo names it (unique within the source; shown on the Sources page).
 */
export interface ScopeSpec {
  name: string
  kind: string
  value: string
}

/** One item as the connector read it: the history record and the payloads it came from. */
export interface PulledItem {
  record: WorkItemRecord
  /** The source's own payloads (issue, changelog pages, timeline …), kept as `raw_payloads`. */
  raw: unknown
}

/** One page of a pull: its items and where the next pull resumes if this one is the last stored. */
export interface PulledPage {
  items: PulledItem[]
  /**
   * An opaque resume token: passed back as {@link PullOptions.checkpoint}, the pull continues
   * after this page (the sync engine stores it with the page, so a killed run resumes here).
   */
  checkpoint: string
  /** How many items the whole pull will return, when the source says (for progress and ETA). */
  total?: number
}

/** Options of {@link Connector.pull}. */
export interface PullOptions {
  /**
   * Only items updated at or after this instant (epoch ms); undefined pulls the whole scope
   * with every item's whole history. The engine passes the start of the last successful run
   * minus an overlap, so items changed while a run was going are seen again (upserts are
   * idempotent).
   */
  sinceMs?: number
  /** Continue after the page that returned this checkpoint (same `sinceMs`). */
  checkpoint?: string
  /** Aborts the request in flight (Ctrl-C, shutdown); the pull then rejects. */
  signal?: AbortSignal
}

/** One check of {@link Connector.test}: what was checked, whether it passed, and in words. */
export interface ConnectionCheck {
  name: 'reachable' | 'authenticated' | 'permissions' | 'timezone' | 'scope'
  ok: boolean
  detail: string
}

/** What {@link Connector.test} found: every check, the user's time zone, and items per scope. */
export interface ConnectionReport {
  ok: boolean
  checks: ConnectionCheck[]
  /** The IANA zone the source reads and writes times in for this user (Jira), when known. */
  timezone?: string
  scopes: { scope: string; items: number | null; error?: string }[]
}

/** The source's rate limit as of its last answer (headers), for the Sources page. */
export interface RateLimitState {
  limit?: number
  remaining?: number
  /** When the window resets (ISO-8601). */
  resetAt?: string
  /** Set while the source asks to wait (429/503 with Retry-After). */
  retryAfterSeconds?: number
}

/**
 * A live connection to one tool instance. Connectors are made by the CLI (the composition root)
 * from the source's stored config and its token; they read the tool over HTTP and return
 * records in openvmo's history format, and never touch the store (sync/ does).
 *
 * Errors are VmoErrors: CONNECTOR_AUTH_FAILED (401/403: names the source and the missing
 * permission), CONNECTOR_RATE_LIMITED (still limited after the retries), CONNECTOR_UNAVAILABLE
 * (network errors, timeouts, 5xx after the retries), CONNECTOR_BAD_RESPONSE (malformed or
 * truncated JSON, a shape the connector does not know). Messages never contain a token.
 */
export interface Connector {
  /** `jira`, `github`, … */
  readonly kind: string
  /** Reachability, authentication, permissions, time zone, items per scope; never throws. */
  test(scopes: readonly ScopeSpec[], options?: { signal?: AbortSignal }): Promise<ConnectionReport>
  /**
   * The scope's items updated since `sinceMs` (all when undefined), page by page in an order
   * that stays stable while items change (items updated during the pull may come again later).
   */
  pull(scope: ScopeSpec, options?: PullOptions): AsyncIterable<PulledPage>
  /** The keys of every item in the scope now: the census that finds deletions and moves. */
  listKeys(scope: ScopeSpec, options?: { signal?: AbortSignal }): AsyncIterable<readonly string[]>
  /** The current state of the named items (webhooks); keys the source no longer has are left out. */
  fetchItems(keys: readonly string[], options?: { signal?: AbortSignal }): Promise<PulledItem[]>
  /** The rate-limit state seen last, or null before the first answer. */
  rateLimit(): RateLimitState | null
}

/** The items a webhook delivery names, once its signature is verified. */
export interface WebhookDelivery {
  /** Keys of items to re-sync (`PAY-12`, `acme/pay#45`). */
  keys: string[]
  /** What happened, in words, for the log (`issue_updated`, `issues.labeled`). */
  event: string
}
