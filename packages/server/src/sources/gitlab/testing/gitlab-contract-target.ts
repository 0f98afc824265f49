import type { ConnectorContractTarget } from '../../testing/connector-contract'
import { createGitLabConnector } from '../gitlab-connector'
import { FAKE_GITLAB_TOKEN, startFakeGitLab } from './fake-gitlab-server'
import { gitLabWebhookContract } from './gitlab-webhook-deliveries'

/** A GitLab connector against its fake, tuned to fail fast: the contract suites' target. */
export const gitLabContractTarget: ConnectorContractTarget = {
  name: 'GitLab',
  sourceName: 'gitlab',
  scopes: [
    { name: 'pay', kind: 'project', value: 'acme/pay' },
    { name: 'web', kind: 'project', value: 'acme/web' },
  ],
  async start() {
    const fake = await startFakeGitLab({ pageSize: 5 })
    // both projects exist, even while empty
    await fake.createItems({ name: 'pay', kind: 'project', value: 'acme/pay' }, 0)
    await fake.createItems({ name: 'web', kind: 'project', value: 'acme/web' }, 0)
    const connector = createGitLabConnector({
      sourceName: 'gitlab',
      token: FAKE_GITLAB_TOKEN,
      config: { url: fake.apiUrl, pageSize: 5, requestTimeoutMs: 1000 },
      retry: { limit: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 20 },
    })
    return { fake, connector, webhook: gitLabWebhookContract }
  },
}
