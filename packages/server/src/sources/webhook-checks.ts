import { createHash, timingSafeEqual } from 'node:crypto'

/** Webhook request headers as a plain object with names in any case. */
export type WebhookHeaders = Readonly<Record<string, string | string[] | undefined>>

/** The first value of header `name` (lower case) in `headers` of any case, if sent. */
export function webhookHeader(headers: WebhookHeaders, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value
  }
  return undefined
}

/** Constant-time equality of two texts of any length (their SHA-256 digests are compared). */
export function sameSecretText(a: string, b: string): boolean {
  const digest = (t: string) => createHash('sha256').update(t, 'utf8').digest()
  return timingSafeEqual(digest(a), digest(b))
}
