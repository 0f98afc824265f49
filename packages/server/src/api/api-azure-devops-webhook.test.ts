import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { AZURE_DEVOPS_SOURCE_KIND } from '../cli/sources/azure-devops-source-kind'
import { azureBasicAuthHeader } from '../sources/azure-devops/azure-devops-webhook'
import {
  FAKE_HOOK_CREDENTIALS,
  azureHookDelivery,
} from '../sources/azure-devops/testing/azure-devops-webhook-deliveries'
import { startFakeAzureDevOps } from '../sources/azure-devops/testing/fake-azure-devops-server'
import type { FakeAzureDevOps } from '../sources/azure-devops/testing/fake-azure-devops-server'
import { openStore } from '../store/open-store'
import type { Store } from '../store/store'
import type { SyncService } from '../sync/sync-service'
import { createWebhookApp, findStoredRecord, until } from './testing/webhook-app'

const SECRETS: Record<string, string> = {
  ado: FAKE_HOOK_CREDENTIALS,
  other: 'openvmo:the-password-of-another-source',
}
const PAY = { name: 'pay', kind: 'project', value: 'Pay' }

let fake: FakeAzureDevOps
let store: Store
let sync: SyncService
let app: ReturnType<typeof createWebhookApp>['app']

beforeEach(async () => {
  fake = await startFakeAzureDevOps()
  store = await openStore({ db: ':memory:' })
  for (const name of ['ado', 'other']) {
    await store.saveSource({ name, kind: 'azure_devops', config: { url: fake.url }, scopes: [PAY] })
  }
  const live = createWebhookApp({
    store,
    kinds: [AZURE_DEVOPS_SOURCE_KIND],
    token: fake.token,
    secrets: SECRETS,
    owner: 'azure devops webhook test',
  })
  sync = live.sync
  app = live.app
})

afterEach(async () => {
  await sync.close()
  await store.close()
  await fake.close()
})

const recordOf = (source: string, key: string) => findStoredRecord(store, source, key)

const deliver = (source: string, body: string, headers: Record<string, string>) =>
  app.request(`/api/v1/webhooks/azure-devops/${source}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  })

describe('POST /api/v1/webhooks/azure-devops/{source}', () => {
  test('re-syncs the work item a service hook names when its basic auth is the source secret', async () => {
    const [key = ''] = await fake.createItems(PAY, 1, { changes: 2 })
    const response = await deliver('ado', azureHookDelivery(key), {
      authorization: azureBasicAuthHeader(FAKE_HOOK_CREDENTIALS),
    })
    expect(response.status).toBe(202)
    expect(await response.json()).toEqual({ source: 'ado', keys: [key] })
    await until(async () => (await recordOf('ado', key))?.status === 'Resolved')
    const changes = (await recordOf('ado', key))?.changes ?? []
    const to = (field: string) => changes.filter((c) => c.field === field).map((c) => c.to)
    expect(to('status')).toEqual(['Active', 'Resolved'])
    expect(to('column')).toEqual(['Doing', 'Review'])
  })

  test('names the work item of a workitem.created delivery by resource.id', async () => {
    const [key = ''] = await fake.createItems(PAY, 1)
    const body = azureHookDelivery(key, 'workitem.created')
    const headers = { authorization: azureBasicAuthHeader(FAKE_HOOK_CREDENTIALS) }
    expect(await (await deliver('ado', body, headers)).json()).toEqual({
      source: 'ado',
      keys: [key],
    })
  })

  test.each([
    ['without credentials', {}],
    ['with a wrong password', { authorization: azureBasicAuthHeader('openvmo:guessed') }],
    [
      'with the credentials of another source',
      { authorization: azureBasicAuthHeader(SECRETS.other ?? '') },
    ],
    ['with a bearer token', { authorization: `Bearer ${FAKE_HOOK_CREDENTIALS}` }],
  ])('answers 401 and syncs nothing %s', async (_, headers: Record<string, string>) => {
    const [key = ''] = await fake.createItems(PAY, 1)
    const response = await deliver('ado', azureHookDelivery(key), headers)
    expect(response.status).toBe(401)
    expect(await response.text()).toContain('of source \\"ado\\"')
    expect(await recordOf('ado', key)).toBeUndefined()
  })
})
