import type { WebhookDelivery } from '../connector'
import { sameSecretText, webhookHeader } from '../webhook-checks'
import type { WebhookHeaders } from '../webhook-checks'

/** Headers as a plain object with any case. */
export type AzureWebhookHeaders = WebhookHeaders

/** The `user:password` of a basic `Authorization` header, or undefined. */
function basicCredentials(headers: AzureWebhookHeaders): string | undefined {
  const match = /^\s*basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(
    webhookHeader(headers, 'authorization') ?? '',
  )
  return match ? Buffer.from(match[1] as string, 'base64').toString('utf8') : undefined
}

type ServiceHook = {
  eventType?: unknown
  resource?: { id?: unknown; workItemId?: unknown }
}

function deliveryOf(text: string): WebhookDelivery {
  let hook: ServiceHook
  try {
    hook = JSON.parse(text) as ServiceHook
  } catch {
    return { keys: [], event: 'unreadable' }
  }
  if (typeof hook !== 'object' || hook === null) return { keys: [], event: 'unreadable' }
  const event = typeof hook.eventType === 'string' ? hook.eventType : 'unknown'
  if (!event.startsWith('workitem.')) return { keys: [], event }
  // workitem.updated names the update in `id` and the item in `workItemId`; the others the item in `id`
  const id = hook.resource?.workItemId ?? hook.resource?.id
  return { keys: Number.isInteger(id) ? [String(id)] : [], event }
}

/**
 * Verifies an Azure DevOps service hook delivery by its basic auth and names its work item, or
 * returns null when the credentials are missing or wrong. The secret is `user:password` as set
 * in the service hook subscription (a secret without `:` is the password, with any user name);
 * compared in constant time. Basic auth proves the sender, not the body: Azure DevOps signs
 * nothing, so serve the webhook over HTTPS only. Keys: the work item of a `workitem.*` event
 * (`resource.workItemId` of `workitem.updated`, `resource.id` of the others); none for other
 * events. An empty secret verifies nothing.
 */
export function verifyAzureDevOpsWebhook(
  headers: AzureWebhookHeaders,
  body: string | Uint8Array,
  secret: string,
): WebhookDelivery | null {
  if (secret === '') return null
  const given = basicCredentials(headers)
  if (given === undefined) return null
  const ok = secret.includes(':')
    ? sameSecretText(given, secret)
    : sameSecretText(given.slice(given.indexOf(':') + 1), secret) && given.includes(':')
  if (!ok) return null
  return deliveryOf(typeof body === 'string' ? body : Buffer.from(body).toString('utf8'))
}

/** The `Authorization` header of a service hook with basic auth `user:password`. */
export function azureBasicAuthHeader(credentials: string): string {
  return `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`
}
