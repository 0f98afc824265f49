import type { ConnectorContractTarget } from '../../testing/connector-contract'
import { createJiraConnector } from '../jira-connector'
import { startFakeJira } from './fake-jira'

const SECRET = 'webhook-shared-secret'

/** A Jira connector against its fake, tuned to fail fast: the contract suites' target. */
export function jiraContractTarget(deployment: 'cloud' | 'data_center'): ConnectorContractTarget {
  const name = deployment === 'cloud' ? 'Jira Cloud' : 'Jira Data Center'
  return {
    name,
    sourceName: 'acme-jira',
    scopes: [
      { name: 'payments', kind: 'project', value: 'PAY' },
      { name: 'operations', kind: 'project', value: 'OPS' },
    ],
    async start() {
      const fake = await startFakeJira({
        deployment,
        sourceName: 'acme-jira',
        pageSize: 5,
        keyPageSize: 4,
        inlineHistoryLimit: 10,
        bulkChangelogLimit: 10,
      })
      const connector = createJiraConnector({
        sourceName: 'acme-jira',
        token: fake.token,
        config: {
          url: fake.url,
          deployment,
          email: fake.email,
          fields: { Team: 'customfield_10001', 'Story Points': 'customfield_10016' },
          pageSize: fake.pageSize,
          keyPageSize: 4,
          changelogPageSize: 10,
          requestTimeoutMs: 1000,
        },
        retry: { limit: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 20 },
      })
      return { fake, connector, webhook: fake.webhook(SECRET) }
    },
  }
}
