import { createHmac, timingSafeEqual } from 'node:crypto'
import type { WebhookDelivery } from '../connector'

/** The header carrying the delivery's signature. */
export const SERVICENOW_SIGNATURE_HEADER = 'x-servicenow-signature'

/**
 * The signature of a delivery: base64 HMAC-SHA256 of the exact body keyed with the secret's
 * UTF-8 bytes; what a business rule computes with `new GlideCertificateEncryption().generateMac(
 * GlideStringUtil.base64Encode(secret), 'HmacSHA256', body)` (docs/connectors.md has the rule).
 */
export function signServiceNowWebhook(body: string, secret: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(body, 'utf8').digest('base64')
}

function headerOf(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1]
}

/**
 * Verifies a delivery of openvmo's ServiceNow business rule and names its records, or returns
 * null when the signature is missing or wrong (or the secret empty). The body is
 * `{"event": "incident.updated", "table": "incident", "number": "INC0010001", "sys_id": "…"}`
 * or `{"records": [{"number": …}, …]}`; keys are the records' numbers.
 */
export function verifyServiceNowWebhook(
  headers: Readonly<Record<string, string>>,
  body: string,
  secret: string,
): WebhookDelivery | null {
  const given = headerOf(headers, SERVICENOW_SIGNATURE_HEADER)
  if (secret === '' || given === undefined) return null
  const expected = Buffer.from(signServiceNowWebhook(body, secret), 'base64')
  const got = Buffer.from(given, 'base64')
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) return null
  let parsed: { event?: unknown; number?: unknown; records?: unknown }
  try {
    parsed = JSON.parse(body) as typeof parsed
  } catch {
    return { keys: [], event: 'unreadable' }
  }
  const records = Array.isArray(parsed?.records) ? (parsed.records as unknown[]) : [parsed]
  const keys = records.flatMap((r) => {
    const number = (r as { number?: unknown } | null)?.number
    return typeof number === 'string' && number !== '' ? [number] : []
  })
  return { keys, event: typeof parsed?.event === 'string' ? parsed.event : 'record.updated' }
}
