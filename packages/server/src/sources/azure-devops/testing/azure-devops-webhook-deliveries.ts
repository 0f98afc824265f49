import type { WebhookContract } from '../../testing/connector-contract'
import { azureBasicAuthHeader, verifyAzureDevOpsWebhook } from '../azure-devops-webhook'

/** The basic auth credentials of the fake's service hook subscription (`user:password`). */
export const FAKE_HOOK_CREDENTIALS = 'openvmo:fake-azure-devops-hook-password'

/**
 * A `workitem.updated` service hook delivery about work item `key`, in the shape of Microsoft's
 * documented sample (service-hooks/events#workitem.updated, trimmed): `resource.id` is the
 * update, `resource.workItemId` the item; the key is also in the message text.
 */
export function azureHookDelivery(key: string, eventType = 'workitem.updated'): string {
  const id = Number(key)
  return JSON.stringify({
    subscriptionId: '00000000-0000-0000-0000-000000000000',
    notificationId: 4,
    id: '27646e0e-b520-4d2b-9411-bba7524947cd',
    eventType,
    publisherId: 'tfs',
    message: { text: `Bug #${key} (Some great new idea!) updated by Jamal Hartnett.` },
    resource: {
      id: eventType === 'workitem.updated' ? 2 : id,
      workItemId: eventType === 'workitem.updated' ? id : undefined,
      rev: 2,
      fields: { 'System.State': { oldValue: 'New', newValue: 'Approved' } },
      url: `http://fabrikam-fiber-inc.visualstudio.com/DefaultCollection/_apis/wit/workItems/${key}/updates/2`,
    },
    resourceVersion: '1.0',
    createdDate: '2016-09-19T13:03:28.2870000Z',
  })
}

/**
 * The contract's webhook cases for Azure DevOps. Service hooks prove their sender with basic
 * auth and sign no body, so the tampered-body case does not apply (`coversBody: false`).
 */
export const azureWebhookContract: WebhookContract = {
  bodyFor: (key) => azureHookDelivery(key),
  signedHeaders: () => ({
    'content-type': 'application/json',
    authorization: azureBasicAuthHeader(FAKE_HOOK_CREDENTIALS),
  }),
  forgedHeaders: () => ({
    'content-type': 'application/json',
    authorization: azureBasicAuthHeader('openvmo:a-guessed-password'),
  }),
  verify: (headers, body) => verifyAzureDevOpsWebhook(headers, body, FAKE_HOOK_CREDENTIALS),
  coversBody: false,
}
