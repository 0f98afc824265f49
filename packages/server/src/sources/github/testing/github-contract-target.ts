import type { ConnectorContractTarget } from '../../testing/connector-contract'
import { createGitHubConnector } from '../github-connector'
import { FAKE_GITHUB_TOKEN, startFakeGitHub } from './fake-github-server'
import { gitHubWebhookContract } from './github-webhook-deliveries'

/** A GitHub connector against its fake, tuned to fail fast: the contract suites' target. */
export const gitHubContractTarget: ConnectorContractTarget = {
  name: 'GitHub',
  sourceName: 'github',
  scopes: [
    { name: 'pay', kind: 'repo', value: 'acme/pay' },
    { name: 'web', kind: 'repo', value: 'acme/web' },
  ],
  async start() {
    const fake = await startFakeGitHub({ pageSize: 5, timelinePageSize: 4 })
    // both repositories exist, even while empty
    fake.store.repo('acme/pay')
    fake.store.repo('acme/web')
    const connector = createGitHubConnector({
      sourceName: 'github',
      token: FAKE_GITHUB_TOKEN,
      config: { apiUrl: fake.url, requestTimeoutMs: 1000 },
      tuning: { retries: 3, retryBaseMs: 5, secondMs: 10 },
    })
    return { fake, connector, webhook: gitHubWebhookContract }
  },
}
