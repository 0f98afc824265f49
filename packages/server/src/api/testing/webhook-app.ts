import type { WorkItemRecord } from '@openvmo/core'
import type { Store } from '../../store/store'
import type { ConnectorKind } from '../../sync/connector-kinds'
import { createSyncService } from '../../sync/sync-service'
import { createApp } from '../create-app'

/**
 * The API with live sync over `store`, for webhook tests: every source's token is `token`, its
 * webhook secret `secrets[source name]`.
 */
export function createWebhookApp(at: {
  store: Store
  kinds: readonly ConnectorKind[]
  token: string
  secrets: Readonly<Record<string, string>>
  owner: string
}) {
  const sync = createSyncService({
    store: at.store,
    kinds: at.kinds,
    secrets: {
      tokenOf: () => at.token,
      describeToken: () => ({ ok: true, text: 'ok' }),
      webhookSecretOf: (source) => at.secrets[source.name],
    },
    owner: at.owner,
    clock: () => Date.now(),
  })
  const app = createApp({ store: at.store, clock: () => Date.now(), sync, loopback: false })
  return { sync, app }
}

/** Resolves once `done` says so, checking every 10 ms; rejects after 5 s. */
export async function until(done: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    if (await done()) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('the condition did not come true in 5 s')
}

/** The stored record of `key` in `source`, if any. */
export async function findStoredRecord(
  store: Store,
  source: string,
  key: string,
): Promise<WorkItemRecord | undefined> {
  for await (const record of store.streamRecords({ sources: [source], keys: [key] })) {
    return record
  }
  return undefined
}
