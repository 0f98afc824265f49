import type { ConnectorContractTarget } from '../../testing/connector-contract'
import { createAzureDevOpsConnector } from '../azure-devops-connector'
import { azureWebhookContract } from './azure-devops-webhook-deliveries'
import { startFakeAzureDevOps } from './fake-azure-devops-server'

/** An Azure DevOps connector against its fake, tuned to fail fast: the contract suites' target. */
export const azureDevOpsContractTarget: ConnectorContractTarget = {
  name: 'Azure DevOps',
  sourceName: 'azure-devops',
  scopes: [
    { name: 'pay', kind: 'project', value: 'Pay' },
    { name: 'web', kind: 'project', value: 'Web Shop' },
  ],
  async start() {
    const fake = await startFakeAzureDevOps({ pageSize: 5, updatesPageSize: 4 })
    const connector = createAzureDevOpsConnector({
      sourceName: 'azure-devops',
      token: fake.token,
      config: {
        url: fake.url,
        batchSize: 5,
        wiqlPageSize: 12,
        updatesPageSize: 4,
        requestTimeoutMs: 1000,
      },
      retry: { limit: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 20 },
    })
    return { fake, connector, webhook: azureWebhookContract }
  },
}
