import type { Connector, WebhookDelivery } from '../sources/connector'
import type { ScopeDefinition, SourceDefinition } from '../store/store-types'

/** What adding a source stores: the connector config (no secret) and the scopes. */
export interface SourceSetup {
  config: Record<string, unknown>
  scopes: ScopeDefinition[]
}

/**
 * One kind of source as the sync engine, the API and the CLI see it: how settings (the CLI's
 * options or the API's JSON body, same names) become a stored definition, how a stored
 * definition and its token become a connector, and how its webhook deliveries are verified.
 * The CLI (the composition root) builds the list from the concrete connectors.
 */
export interface ConnectorKind {
  readonly kind: string
  /** One line for help texts and the Sources page. */
  readonly description: string
  /** The config and scopes from settings; INVALID_INPUT names a bad setting. */
  setup(settings: Record<string, unknown>): SourceSetup
  /** A connector for a stored source of this kind. */
  connect(at: { source: SourceDefinition; token: string }): Connector
  /**
   * Verifies a webhook delivery with the source's webhook secret and reads the items it names;
   * null when the signature is missing or wrong (the caller answers 401).
   */
  readWebhook(at: {
    headers: Readonly<Record<string, string>>
    body: string
    secret: string
  }): WebhookDelivery | null
}
