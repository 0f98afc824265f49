import { describe, expect, test } from 'vitest'
import type { WorkItemRecord } from '@openvmo/core'
import { isVmoError, parseInstant } from '@openvmo/core'
import type { Connector, PulledItem, ScopeSpec, WebhookDelivery } from '../connector'

/** A way the fake answers the next matching requests instead of serving them. */
export type FaultKind =
  | 'rate_limited' // 429 with Retry-After: 1 (and the tool's rate-limit headers at 0)
  | 'unavailable' // 503 with Retry-After: 1
  | 'server_error' // 500
  | 'hang' // accepts the request and never answers (the connector's timeout must fire)
  | 'malformed_json' // 200 with a body that is not JSON
  | 'truncated_json' // 200 with the first half of the real body
  | 'unauthorized' // 401 (a revoked token)
  | 'forbidden' // 403 (a missing permission)

/** A fault for the next `count` requests whose path contains `path` (every request: ''). */
export interface Fault {
  path: string
  count: number
  kind: FaultKind
}

/**
 * A fake tool server on 127.0.0.1 that speaks the tool's real API shapes (checked against its
 * OpenAPI document in the source's own tests), with controls for the contract suite. Items are
 * made by the fake in the tool's own terms (workflow statuses, issue types); the suite only asks
 * for counts and compares what the connector returns with {@link ContractFake.expectedRecord}.
 */
export interface ContractFake {
  /** Where the connector must send its requests. */
  readonly url: string
  /** Items per page of the fake's item list (for "last page exactly full"). */
  readonly pageSize: number
  /** The most history entries one item's inline history holds (longer ones need more calls). */
  readonly inlineHistoryLimit: number
  /**
   * Creates `count` items in `scope` (created in the past, before any edit), each with
   * `changes` status changes (default 3); returns their keys in creation order.
   */
  createItems(scope: ScopeSpec, count: number, options?: { changes?: number }): Promise<string[]>
  /** Moves each item to another status at `atMs` (which becomes its updated time). */
  editItems(keys: readonly string[], atMs: number): Promise<void>
  /** Deletes items from the tool. */
  deleteItems(keys: readonly string[]): Promise<void>
  /** Moves an item to another scope at `atMs` (its key may change); returns its key there. */
  moveItem(key: string, to: ScopeSpec, atMs: number): Promise<string>
  /** The history record the connector must return for `key`, from the fake's own state. */
  expectedRecord(key: string): WorkItemRecord
  injectFault(fault: Fault): void
  /** Paths (with query) of every request served or refused so far. */
  requestLog(): readonly string[]
  close(): Promise<void>
}

/** Signing of webhook deliveries, for the valid and forged cases. */
export interface WebhookContract {
  /** A delivery body announcing a change of `key`. */
  bodyFor(key: string): string
  /** Headers of a correctly signed delivery of `body`. */
  signedHeaders(body: string): Record<string, string>
  /** Headers of a delivery signed with the wrong secret. */
  forgedHeaders(body: string): Record<string, string>
  /** Verifies and parses a delivery: its items, or null when the signature is wrong or absent. */
  verify(headers: Record<string, string>, body: string): WebhookDelivery | null
  /**
   * False when the tool proves the sender but signs no body (Azure DevOps service hooks send
   * basic auth only): the suite then skips the tampered-body case. Default true.
   */
  coversBody?: boolean
}

/** One connector under the contract: two scopes of its fake, and how to start both. */
export interface ConnectorContractTarget {
  name: string
  /** The source name the connector writes into its records (`source`). */
  sourceName: string
  scopes: readonly [ScopeSpec, ScopeSpec]
  /**
   * A fresh fake and a connector to it, configured to fail fast in tests (retry delays of a few
   * ms, a request timeout of about a second, at most 3 retries).
   */
  start(): Promise<{ fake: ContractFake; connector: Connector; webhook: WebhookContract }>
}

/** The parts of a record two syncs must agree on, in a form `toEqual` compares exactly. */
export function comparableRecord(record: WorkItemRecord) {
  const instant = (text: string) => parseInstant(text)
  return {
    source: record.source,
    key: record.key,
    type: record.type,
    status: record.status,
    created: instant(record.created),
    title: record.title ?? null,
    project: record.project ?? null,
    parent: record.parent ?? null,
    labels: [...(record.labels ?? [])].sort(),
    // a bare target is a key of the item's own source (the store keeps it qualified)
    links: [...(record.links ?? [])]
      .map((l) => `${l.type}>${l.target.includes(':') ? l.target : `${record.source}:${l.target}`}`)
      .sort(),
    changes: record.changes
      .filter((c) => c.field === 'status' || c.field === 'type')
      .map((c) => ({ at: instant(c.at), field: c.field, from: c.from, to: c.to }))
      .sort((a, b) => a.at - b.at || a.field.localeCompare(b.field)),
  }
}

/** Every item of a pull, keyed by record key (a key seen twice keeps its last version). */
export async function pullAll(
  connector: Connector,
  scope: ScopeSpec,
  options: { sinceMs?: number; checkpoint?: string } = {},
): Promise<Map<string, PulledItem>> {
  const items = new Map<string, PulledItem>()
  for await (const page of connector.pull(scope, options)) {
    for (const item of page.items) items.set(item.record.key, item)
  }
  return items
}

async function listAllKeys(connector: Connector, scope: ScopeSpec): Promise<string[]> {
  const keys: string[] = []
  for await (const page of connector.listKeys(scope)) keys.push(...page)
  return keys.sort()
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  )
}

const DAY = 86_400_000

/**
 * The connector contract: every connector passes these cases against its own fake server,
 * over real HTTP on 127.0.0.1.
 */
export function describeConnectorContract(target: ConnectorContractTarget): void {
  const [first, second] = target.scopes

  type Started = Awaited<ReturnType<ConnectorContractTarget['start']>>

  /** Runs `body` with a fresh fake and connector; the fake is closed afterwards. */
  function withFake(body: (s: Started) => Promise<void>) {
    return async () => {
      const s = await target.start()
      try {
        await body(s)
      } finally {
        await s.fake.close()
      }
    }
  }

  function expectSameItems(got: Map<string, PulledItem>, fake: ContractFake, keys: string[]) {
    expect([...got.keys()].sort()).toEqual([...keys].sort())
    for (const key of keys) {
      const item = got.get(key)
      expect(item, key).toBeDefined()
      expect(comparableRecord(item?.record as WorkItemRecord)).toEqual(
        comparableRecord(fake.expectedRecord(key)),
      )
    }
  }

  describe(`${target.name} connector contract`, () => {
    test(
      'a full pull returns every item of the scope with its whole history',
      withFake(async (s) => {
        const keys = await s.fake.createItems(first, 7)
        await s.fake.createItems(second, 3)
        expectSameItems(await pullAll(s.connector, first), s.fake, keys)
      }),
    )

    test(
      'an incremental pull returns the items edited since, with their new history',
      withFake(async (s) => {
        const keys = await s.fake.createItems(first, 6)
        const since = Date.now() + DAY
        await s.fake.editItems([keys[1] ?? '', keys[4] ?? ''], since + 60_000)
        const got = await pullAll(s.connector, first, { sinceMs: since })
        expectSameItems(got, s.fake, [keys[1] ?? '', keys[4] ?? ''])
      }),
    )

    test(
      'a pull resumed from a checkpoint continues after its page and misses nothing',
      withFake(async (s) => {
        const keys = await s.fake.createItems(first, s.fake.pageSize * 2 + 3)
        const seen = new Map<string, PulledItem>()
        let checkpoint: string | undefined
        for await (const page of s.connector.pull(first)) {
          for (const item of page.items) seen.set(item.record.key, item)
          checkpoint = page.checkpoint
          break
        }
        expect(seen.size).toBeGreaterThan(0)
        for (const [key, item] of await pullAll(s.connector, first, { checkpoint })) {
          seen.set(key, item)
        }
        expectSameItems(seen, s.fake, keys)
      }),
    )

    test(
      'pagination ends cleanly when the scope is empty and when the last page is exactly full',
      withFake(async (s) => {
        expect((await pullAll(s.connector, first)).size).toBe(0)
        const keys = await s.fake.createItems(first, s.fake.pageSize)
        expectSameItems(await pullAll(s.connector, first), s.fake, keys)
        const more = await s.fake.createItems(first, s.fake.pageSize)
        expectSameItems(await pullAll(s.connector, first), s.fake, [...keys, ...more])
      }),
    )

    test(
      'an item with more history than one response holds comes back whole',
      withFake(async (s) => {
        const [key = ''] = await s.fake.createItems(first, 1, {
          changes: s.fake.inlineHistoryLimit * 2 + 5,
        })
        expectSameItems(await pullAll(s.connector, first), s.fake, [key])
      }),
    )

    test(
      'the key census leaves out deleted items and follows a move to another scope',
      withFake(async (s) => {
        const keys = await s.fake.createItems(first, 5)
        const others = await s.fake.createItems(second, 2)
        await s.fake.deleteItems([keys[0] ?? ''])
        const moved = await s.fake.moveItem(keys[1] ?? '', second, Date.now() + DAY)
        expect(await listAllKeys(s.connector, first)).toEqual(keys.slice(2).sort())
        expect(await listAllKeys(s.connector, second)).toEqual([...others, moved].sort())
        expectSameItems(await pullAll(s.connector, second), s.fake, [...others, moved])
      }),
    )

    test(
      'fetching named items returns their current state and leaves out deleted ones',
      withFake(async (s) => {
        const keys = await s.fake.createItems(first, 3)
        await s.fake.deleteItems([keys[2] ?? ''])
        const got = await s.connector.fetchItems(keys)
        expect(got.map((i) => i.record.key).sort()).toEqual(keys.slice(0, 2).sort())
      }),
    )

    test.each([
      ['a storm of 429s with Retry-After', 'rate_limited' as const],
      ['503s with Retry-After', 'unavailable' as const],
      ['500s', 'server_error' as const],
      ['a request that never answers', 'hang' as const],
    ])('a pull rides out %s', (_, kind) =>
      withFake(async (s) => {
        const keys = await s.fake.createItems(first, 4)
        s.fake.injectFault({ path: '', count: kind === 'hang' ? 1 : 3, kind })
        expectSameItems(await pullAll(s.connector, first), s.fake, keys)
      })(),
    )

    test(
      'a pull stops with CONNECTOR_RATE_LIMITED when the source never stops limiting',
      withFake(async (s) => {
        await s.fake.createItems(first, 2)
        s.fake.injectFault({ path: '', count: 1000, kind: 'rate_limited' })
        const error = await rejectionOf(pullAll(s.connector, first))
        expect(isVmoError(error, 'CONNECTOR_RATE_LIMITED')).toBe(true)
        expect(s.connector.rateLimit()?.retryAfterSeconds).toBe(1)
      }),
    )

    test.each([
      ['malformed JSON', 'malformed_json' as const],
      ['truncated JSON', 'truncated_json' as const],
    ])('a pull stops with CONNECTOR_BAD_RESPONSE naming the request on %s', (_, kind) =>
      withFake(async (s) => {
        await s.fake.createItems(first, 2)
        s.fake.injectFault({ path: '', count: 1000, kind })
        const error = await rejectionOf(pullAll(s.connector, first))
        expect(isVmoError(error, 'CONNECTOR_BAD_RESPONSE'), String(error)).toBe(true)
      })(),
    )

    test(
      'a token revoked in the middle of a pull stops it with CONNECTOR_AUTH_FAILED',
      withFake(async (s) => {
        await s.fake.createItems(first, s.fake.pageSize * 2)
        let pages = 0
        const run = (async () => {
          for await (const _page of s.connector.pull(first)) {
            pages++
            if (pages === 1) s.fake.injectFault({ path: '', count: 1000, kind: 'unauthorized' })
          }
        })()
        const error = await rejectionOf(run)
        expect(pages).toBe(1)
        expect(isVmoError(error, 'CONNECTOR_AUTH_FAILED'), String(error)).toBe(true)
        expect((error as Error).message).not.toMatch(/token|secret/i)
      }),
    )

    test(
      'test() reports reachability, authentication and items per scope',
      withFake(async (s) => {
        await s.fake.createItems(first, 3)
        const report = await s.connector.test([first, second])
        expect(report.ok).toBe(true)
        expect(report.scopes).toEqual([
          { scope: first.name, items: 3 },
          { scope: second.name, items: 0 },
        ])
        s.fake.injectFault({ path: '', count: 1000, kind: 'unauthorized' })
        const revoked = await s.connector.test([first])
        expect(revoked.ok).toBe(false)
        expect(revoked.checks.find((c) => c.name === 'authenticated')?.ok).toBe(false)
      }),
    )

    test(
      'a signed webhook names its item and a forged one is refused',
      withFake(async (s) => {
        const [key = ''] = await s.fake.createItems(first, 1)
        const body = s.webhook.bodyFor(key)
        expect(s.webhook.verify(s.webhook.signedHeaders(body), body)?.keys).toEqual([key])
        expect(s.webhook.verify(s.webhook.forgedHeaders(body), body)).toBeNull()
        expect(s.webhook.verify({}, body)).toBeNull()
        if (s.webhook.coversBody === false) return
        const tampered = body.replace(key, `${key}0`)
        expect(s.webhook.verify(s.webhook.signedHeaders(body), tampered)).toBeNull()
      }),
    )
  })
}
