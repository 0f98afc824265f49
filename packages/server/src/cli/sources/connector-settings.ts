/** Keys of a stored source config that belong to openvmo, not to the connector. */
const OWN_KEYS = new Set(['tokenEnv', 'webhookSecretEnv'])

/** The connector's part of a stored source config (without the token and webhook variable names). */
export function connectorConfigOf(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([key]) => !OWN_KEYS.has(key)))
}

/** Repeated option values as strings (commander collects them into an array). */
export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : []
}

/** `{ webhookSecretEnv }` when `--webhook-secret-env` was given. */
export function webhookSetting(settings: Record<string, unknown>) {
  return typeof settings.webhookSecretEnv === 'string'
    ? { webhookSecretEnv: settings.webhookSecretEnv }
    : {}
}
