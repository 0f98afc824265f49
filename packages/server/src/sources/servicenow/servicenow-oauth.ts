import type { KyInstance } from 'ky'
import type { ServiceNowFailedRequest } from './servicenow-errors'
import { serviceNowBadResponse } from './servicenow-errors'

/** Renew this long before the token's `expires_in` runs out. */
const EARLY_MS = 60_000

/**
 * OAuth client credentials against a ServiceNow instance: POSTs `grant_type=client_credentials`
 * with the client id and secret to `/oauth_token.do` and keeps the access token until a minute
 * before its `expires_in`; callers at the same time share one token request. The secret and the
 * token are never put in errors (`fail` translates HTTP errors as the client does).
 */
export class ServiceNowOAuth {
  #token: { value: string; untilMs: number } | undefined
  #pending: Promise<string> | undefined

  constructor(
    readonly options: {
      http: KyInstance
      tokenUrl: string
      clientId: string
      clientSecret: string
      at: ServiceNowFailedRequest
      fail: (at: ServiceNowFailedRequest, error: unknown) => Promise<Error>
    },
  ) {}

  /** `Bearer …` with a valid token; `fresh` drops the kept one first (the instance refused it). */
  async bearer(signal?: AbortSignal, fresh = false): Promise<string> {
    if (fresh) this.#token = undefined
    if (this.#token !== undefined && Date.now() < this.#token.untilMs) {
      return `Bearer ${this.#token.value}`
    }
    this.#pending ??= this.#request(signal).finally(() => {
      this.#pending = undefined
    })
    return `Bearer ${await this.#pending}`
  }

  async #request(signal?: AbortSignal): Promise<string> {
    const { options } = this
    let text: string
    try {
      const body = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: options.clientId,
        client_secret: options.clientSecret,
      })
      text = await options.http.post(options.tokenUrl, { body, signal }).text()
    } catch (error) {
      if (signal?.aborted) throw signal.reason
      throw await options.fail(options.at, error)
    }
    let parsed: { access_token?: unknown; expires_in?: unknown }
    try {
      parsed = JSON.parse(text) as typeof parsed
    } catch {
      throw serviceNowBadResponse(options.at, 'something that is not json')
    }
    if (typeof parsed.access_token !== 'string' || parsed.access_token === '') {
      throw serviceNowBadResponse(options.at, 'no access_token')
    }
    const seconds = typeof parsed.expires_in === 'number' ? parsed.expires_in : 1800
    this.#token = { value: parsed.access_token, untilMs: Date.now() + seconds * 1000 - EARLY_MS }
    return parsed.access_token
  }
}
