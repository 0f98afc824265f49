import type { VmoError } from '@openvmo/core'

/**
 * The keys among `wanted` that a 400 from a `key in (…)` search says do not exist. Jira words
 * it "An issue with key 'PAY-3' does not exist for field 'key'." (or "The value 'PAY-3' does not
 * exist for the field 'key'." for a project that is gone); the quoted values are compared with
 * `wanted`, so only named keys are dropped.
 */
export function missingKeysOf(error: VmoError, wanted: readonly string[]): string[] {
  const messages = error.details?.jiraMessages
  if (!Array.isArray(messages)) return []
  const named = new Set(
    messages.flatMap((message) =>
      [...String(message).matchAll(/'([^']+)'/g)].map((match) => (match[1] ?? '').toUpperCase()),
    ),
  )
  return wanted.filter((key) => named.has(key.toUpperCase()))
}
