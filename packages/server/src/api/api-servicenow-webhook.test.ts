import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { SERVICENOW_SOURCE_KIND } from '../cli/sources/servicenow-source-kind'
import {
  FAKE_SERVICENOW_PASSWORD,
  FAKE_SERVICENOW_USER,
  startFakeServiceNow,
} from '../sources/servicenow/testing/fake-servicenow-server'
import type { FakeServiceNow } from '../sources/servicenow/testing/fake-servicenow-server'
import {
  FAKE_SERVICENOW_WEBHOOK_SECRET,
  serviceNowHookDelivery,
  serviceNowWebhookContract,
} from '../sources/servicenow/testing/servicenow-webhook-deliveries'
import { openStore } from '../store/open-store'
import type { Store } from '../store/store'
import type { SyncService } from '../sync/sync-service'
import { createSyncService } from '../sync/sync-service'
import { createApp } from './create-app'

let fake: FakeServiceNow
let store: Store
let sync: SyncService
let app: ReturnType<typeof createApp>

beforeEach(async () => {
  fake = await startFakeServiceNow({ pageSize: 5, sourceName: 'snow' })
  store = await openStore({ db: ':memory:' })
  const config = { url: fake.url, username: FAKE_SERVICENOW_USER }
  const scopes = [{ name: 'incident', kind: 'table', value: 'incident' }]
  await store.saveSource({ name: 'snow', kind: 'servicenow', config, scopes })
  sync = createSyncService({
    store,
    kinds: [SERVICENOW_SOURCE_KIND],
    secrets: {
      tokenOf: () => FAKE_SERVICENOW_PASSWORD,
      describeToken: () => ({ ok: true, text: 'ok' }),
      webhookSecretOf: () => FAKE_SERVICENOW_WEBHOOK_SECRET,
    },
    owner: 'servicenow webhook test',
    clock: () => Date.now(),
  })
  app = createApp({ store, clock: () => Date.now(), sync, loopback: false })
})

afterEach(async () => {
  await sync.close()
  await store.close()
  await fake.close()
})

async function statusOf(key: string) {
  for await (const record of store.streamRecords({ sources: ['snow'], keys: [key] })) {
    return record.status
  }
  return undefined
}

const deliver = (body: string, headers: Record<string, string>) =>
  app.request('/api/v1/webhooks/servicenow/snow', { method: 'POST', body, headers })

describe('POST /api/v1/webhooks/servicenow/{source}', () => {
  test('re-syncs the record a signed delivery names, and refuses a forged or tampered one', async () => {
    const key = fake.createTask('incident', { changes: 2 })
    const body = serviceNowHookDelivery(key)
    const forged = await deliver(body, serviceNowWebhookContract.forgedHeaders(body))
    expect(forged.status).toBe(401)
    const signed = serviceNowWebhookContract.signedHeaders(body)
    const tampered = await deliver(body.replace(key, 'INC0000001'), signed)
    expect(tampered.status).toBe(401)
    expect(await statusOf(key)).toBeUndefined()
    const response = await deliver(body, signed)
    expect(response.status).toBe(202)
    expect(await response.json()).toEqual({ source: 'snow', keys: [key] })
    for (let i = 0; i < 500 && (await statusOf(key)) === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    expect(await statusOf(key)).toBe(fake.expectedRecord(key).status)
  })
})
