import { createHmac, timingSafeEqual } from 'node:crypto'
import { VmoError } from '@openvmo/core'
import type { ConnectionReport, PulledPage, PullOptions, ScopeSpec } from '../../sources/connector'
import type { ConnectorKind } from '../connector-kinds'
import { MemoryConnector } from './memory-connector'

/** The `X-Hub-Signature-256` value of `body` under `secret`, as GitHub computes it. */
export function signHubBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`
}

function verifies(secret: string, body: string, header: string | undefined): boolean {
  if (header === undefined) return false
  const expected = Buffer.from(signHubBody(secret, body))
  const given = Buffer.from(header)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/**
 * A {@link MemoryConnector} whose pulls can be held (to see a sync while it runs) and whose
 * connection test reports a check and the items per scope.
 */
export class GatedMemoryConnector extends MemoryConnector {
  #gate: Promise<void> | undefined
  #open: (() => void) | undefined

  /** Holds every pull before its first page until {@link release}. */
  hold(): void {
    this.#gate = new Promise((resolve) => (this.#open = resolve))
  }

  release(): void {
    this.#open?.()
    this.#gate = undefined
  }

  override async *pull(scope: ScopeSpec, options: PullOptions = {}): AsyncIterable<PulledPage> {
    await this.#gate
    yield* super.pull(scope, options)
  }

  override test(scopes: readonly ScopeSpec[] = []): Promise<ConnectionReport> {
    const count = (scope: ScopeSpec) =>
      [...this.items.values()].filter((i) => i.scope === scope.value).length
    return Promise.resolve({
      ok: true,
      checks: [{ name: 'reachable', ok: true, detail: 'the memory answers' }],
      scopes: scopes.map((scope) => ({ scope: scope.name, items: count(scope) })),
    })
  }
}

/**
 * A connector kind for API and service tests (`memory` unless `kind` names another, to stand in
 * for `github` or `jira`): settings `{ scope: 'A' | ['A', 'B'] }` become project scopes, every
 * source connects to `connector`, and webhook deliveries (`{ "keys": [...] }`) are verified
 * like GitHub's (`X-Hub-Signature-256`, HMAC-SHA256 of the body with the source's secret).
 */
export function createMemoryKind(connector: MemoryConnector, kind = 'memory'): ConnectorKind {
  return {
    kind,
    description: 'items held in memory (tests)',
    setup(settings) {
      const scopes = [settings.scope].flat().filter((s): s is string => typeof s === 'string')
      if (scopes.length === 0) throw new VmoError('INVALID_INPUT', 'a memory source needs a scope')
      return { config: {}, scopes: scopes.map((s) => ({ name: s, kind: 'project', value: s })) }
    },
    connect: () => connector,
    readWebhook({ headers, body, secret }) {
      if (!verifies(secret, body, headers['x-hub-signature-256'])) return null
      const { keys } = JSON.parse(body) as { keys: string[] }
      return { keys, event: 'memory' }
    },
  }
}
