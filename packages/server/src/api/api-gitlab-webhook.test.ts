import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { GITLAB_SOURCE_KIND } from '../cli/sources/gitlab-source-kind'
import { startFakeGitLab } from '../sources/gitlab/testing/fake-gitlab-server'
import type { FakeGitLab } from '../sources/gitlab/testing/fake-gitlab-server'
import {
  FAKE_SIGNING_TOKEN,
  gitLabHookDelivery,
  signedHookHeaders,
} from '../sources/gitlab/testing/gitlab-webhook-deliveries'
import { openStore } from '../store/open-store'
import type { Store } from '../store/store'
import type { SyncService } from '../sync/sync-service'
import { createWebhookApp, findStoredRecord, until } from './testing/webhook-app'

const SECRETS: Record<string, string> = {
  gl: 'gitlab-secret-token-of-gl',
  signed: FAKE_SIGNING_TOKEN,
}
const PAY = { name: 'pay', kind: 'project', value: 'acme/pay' }

let fake: FakeGitLab
let store: Store
let sync: SyncService
let app: ReturnType<typeof createWebhookApp>['app']

beforeEach(async () => {
  fake = await startFakeGitLab({ pageSize: 5 })
  store = await openStore({ db: ':memory:' })
  for (const name of ['gl', 'signed']) {
    await store.saveSource({ name, kind: 'gitlab', config: { url: fake.apiUrl }, scopes: [PAY] })
  }
  const live = createWebhookApp({
    store,
    kinds: [GITLAB_SOURCE_KIND],
    token: fake.token,
    secrets: SECRETS,
    owner: 'gitlab webhook test',
  })
  sync = live.sync
  app = live.app
})

afterEach(async () => {
  await sync.close()
  await store.close()
  await fake.close()
})

const statusOf = async (source: string, key: string) =>
  (await findStoredRecord(store, source, key))?.status

const deliver = (source: string, body: string, headers: Record<string, string>) =>
  app.request(`/api/v1/webhooks/gitlab/${source}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-gitlab-event': 'Issue Hook', ...headers },
  })

describe('POST /api/v1/webhooks/gitlab/{source}', () => {
  test('re-syncs the issue a delivery names when X-Gitlab-Token is the source secret', async () => {
    const [key = ''] = await fake.createItems(PAY, 1)
    const body = gitLabHookDelivery(key)
    const response = await deliver('gl', body, { 'x-gitlab-token': SECRETS.gl ?? '' })
    expect(response.status).toBe(202)
    expect(await response.json()).toEqual({ source: 'gl', keys: [key] })
    await until(async () => (await statusOf('gl', key)) === fake.expectedRecord(key).status)
  })

  test.each([
    ['without X-Gitlab-Token', {}],
    ['with a wrong token', { 'x-gitlab-token': 'guessed' }],
    ['with the token of another source', { 'x-gitlab-token': SECRETS.signed ?? '' }],
  ])('answers 401 and syncs nothing %s', async (_, headers: Record<string, string>) => {
    const [key = ''] = await fake.createItems(PAY, 1)
    const response = await deliver('gl', gitLabHookDelivery(key), headers)
    expect(response.status).toBe(401)
    expect(await response.text()).toContain('of source \\"gl\\"')
    expect(await statusOf('gl', key)).toBeUndefined()
  })

  test('verifies a signing token over the exact body and refuses a tampered one', async () => {
    const [key = ''] = await fake.createItems(PAY, 1)
    const body = gitLabHookDelivery(key)
    const headers = signedHookHeaders(body, FAKE_SIGNING_TOKEN)
    const tampered = await deliver('signed', body.replace('"update"', '"close"'), headers)
    expect(tampered.status).toBe(401)
    const response = await deliver('signed', body, headers)
    expect(response.status).toBe(202)
    await until(async () => (await statusOf('signed', key)) !== undefined)
  })
})
