import type { ScopeSpec } from '../../connector'
import { comparableRecord, pullAll } from '../../testing/connector-contract'
import { createGitHubConnector } from '../github-connector'
import type { GitHubConnector } from '../github-connector'
import type { GitHubConnectorConfigInput } from '../github-connector-config'
import { startFakeGitHub } from './fake-github-server'
import type { FakeGitHub, FakeGitHubOptions } from './fake-github-server'

/** A fake GitHub and a connector to it, tuned to fail fast. */
export interface GitHubTestPair {
  fake: FakeGitHub
  connector: GitHubConnector
}

/** The scope `acme/pay` every test of the pair uses first. */
export const PAY: ScopeSpec = { name: 'pay', kind: 'repo', value: 'acme/pay' }

/**
 * Starts a fake GitHub (`fakeOptions`) and a connector to it (`config` over the fake's URL, a
 * one-second timeout, retries of a few ms), runs `body`, and closes the fake.
 */
export async function withGitHubPair(
  options: { fake?: FakeGitHubOptions; config?: GitHubConnectorConfigInput; token?: string },
  body: (pair: GitHubTestPair) => Promise<void>,
): Promise<void> {
  const fake = await startFakeGitHub(options.fake)
  try {
    const connector = createGitHubConnector({
      sourceName: 'github',
      token: options.token ?? fake.token,
      config: { apiUrl: fake.url, requestTimeoutMs: 1000, ...options.config },
      tuning: { retries: 3, retryBaseMs: 5, secondMs: 10, graphqlIntervalMs: 0 },
    })
    await body({ fake, connector })
  } finally {
    await fake.close()
  }
}

/** Every item of a pull of `scope` in comparable form, by key. */
export async function pulledComparable(pair: GitHubTestPair, scope: ScopeSpec = PAY) {
  const items = await pullAll(pair.connector, scope)
  return new Map([...items].map(([key, item]) => [key, comparableRecord(item.record)]))
}

/** The fake's expected records of `keys` in comparable form, by key. */
export function expectedComparable(pair: GitHubTestPair, keys: readonly string[]) {
  return new Map(keys.map((key) => [key, comparableRecord(pair.fake.expectedRecord(key))]))
}
