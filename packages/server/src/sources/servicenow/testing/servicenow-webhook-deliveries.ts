import type { WebhookContract } from '../../testing/connector-contract'
import {
  SERVICENOW_SIGNATURE_HEADER,
  signServiceNowWebhook,
  verifyServiceNowWebhook,
} from '../servicenow-webhook'

/** The webhook secret of the fake deliveries. */
export const FAKE_SERVICENOW_WEBHOOK_SECRET = 'fake-servicenow-webhook-secret'

/** A delivery of the business rule in docs/connectors.md about the record `number`. */
export function serviceNowHookDelivery(number: string): string {
  return JSON.stringify({
    event: 'incident.updated',
    table: 'incident',
    number,
    sys_id: '46d44a5dc0a8010e0000bfd4e8a4d2e1',
  })
}

/** The contract's webhook cases for ServiceNow (HMAC-SHA256 of the body, base64). */
export const serviceNowWebhookContract: WebhookContract = {
  bodyFor: serviceNowHookDelivery,
  signedHeaders: (body) => ({
    'content-type': 'application/json',
    [SERVICENOW_SIGNATURE_HEADER]: signServiceNowWebhook(body, FAKE_SERVICENOW_WEBHOOK_SECRET),
  }),
  forgedHeaders: (body) => ({
    'content-type': 'application/json',
    [SERVICENOW_SIGNATURE_HEADER]: signServiceNowWebhook(body, 'another-secret'),
  }),
  verify: (headers, body) => verifyServiceNowWebhook(headers, body, FAKE_SERVICENOW_WEBHOOK_SECRET),
}
