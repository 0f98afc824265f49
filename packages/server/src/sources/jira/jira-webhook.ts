import { createHmac, timingSafeEqual } from 'node:crypto'
import type { WebhookDelivery } from '../connector'

/** The Jira webhook events that name an issue to re-sync. */
export const JIRA_ISSUE_EVENTS = ['issue_created', 'issue_updated', 'issue_deleted'] as const

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i

/** Headers as a plain object (any case) or a `Headers`. */
export type WebhookHeaders = Headers | Readonly<Record<string, string | string[] | undefined>>

function headerOf(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value
  }
  return undefined
}

/**
 * Verifies a Jira webhook delivery and names its issue. Jira signs a delivery when the webhook
 * has a secret: `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>`; the signature is
 * compared in constant time. Returns null when the secret is empty, the header is absent or
 * malformed, or the signature does not match; also when the body is not a JSON object. Events
 * `jira:issue_created|updated|deleted` (and the same without `jira:`) yield the issue's key and
 * the event without its prefix (`issue_updated`); other events yield no keys. A deleted
 * issue is named too: fetching it finds nothing, which is how the engine learns of the deletion.
 */
export function verifyJiraWebhook(
  headers: WebhookHeaders,
  rawBody: string | Uint8Array,
  secret: string,
): WebhookDelivery | null {
  const match = SIGNATURE.exec(headerOf(headers, 'x-hub-signature')?.trim() ?? '')
  if (secret === '' || !match) return null
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : Buffer.from(rawBody)
  const expected = createHmac('sha256', secret).update(body).digest()
  const given = Buffer.from(match[1] ?? '', 'hex')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  return deliveryOf(body.toString('utf8'))
}

function deliveryOf(text: string): WebhookDelivery | null {
  let payload: {
    webhookEvent?: unknown
    issue_event_type_name?: unknown
    issue?: { key?: unknown }
  }
  try {
    payload = JSON.parse(text) as typeof payload
  } catch {
    return null
  }
  if (typeof payload !== 'object' || payload === null) return null
  const event = String(payload.webhookEvent ?? 'unknown').replace(/^jira:/, '')
  const key = payload.issue?.key
  const named = (JIRA_ISSUE_EVENTS as readonly string[]).includes(event) && typeof key === 'string'
  return { keys: named ? [key] : [], event }
}
