import type { ConnectorContractTarget } from '../../testing/connector-contract'
import { createServiceNowConnector } from '../servicenow-connector'
import {
  FAKE_SERVICENOW_PASSWORD,
  FAKE_SERVICENOW_USER,
  startFakeServiceNow,
} from './fake-servicenow-server'
import { serviceNowWebhookContract } from './servicenow-webhook-deliveries'

/** A ServiceNow connector against its fake, tuned to fail fast: the contract suites' target. */
export const serviceNowContractTarget: ConnectorContractTarget = {
  name: 'ServiceNow',
  sourceName: 'servicenow',
  scopes: [
    { name: 'pay', kind: 'query', value: 'incident:assignment_group.name=Pay' },
    { name: 'web', kind: 'query', value: 'incident:assignment_group.name=Web' },
  ],
  async start() {
    const fake = await startFakeServiceNow({ pageSize: 5 })
    const connector = createServiceNowConnector({
      sourceName: 'servicenow',
      secret: FAKE_SERVICENOW_PASSWORD,
      config: {
        url: fake.url,
        username: FAKE_SERVICENOW_USER,
        pageSize: 5,
        requestTimeoutMs: 1000,
      },
      retry: { limit: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 20 },
    })
    return { fake, connector, webhook: serviceNowWebhookContract }
  },
}
