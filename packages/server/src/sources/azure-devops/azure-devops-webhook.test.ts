import { describe, expect, test } from 'vitest'
import { azureBasicAuthHeader, verifyAzureDevOpsWebhook } from './azure-devops-webhook'
import { azureHookDelivery } from './testing/azure-devops-webhook-deliveries'

const auth = (credentials: string) => ({ Authorization: azureBasicAuthHeader(credentials) })

describe('verifyAzureDevOpsWebhook', () => {
  test('accepts the user and password of a user:password secret, in any header case', () => {
    const body = azureHookDelivery('42')
    expect(verifyAzureDevOpsWebhook(auth('hook:s3cret'), body, 'hook:s3cret')).toEqual({
      keys: ['42'],
      event: 'workitem.updated',
    })
    expect(verifyAzureDevOpsWebhook(auth('other:s3cret'), body, 'hook:s3cret')).toBeNull()
  })

  test('a secret without a colon is the password, with any user name', () => {
    const body = azureHookDelivery('7', 'workitem.deleted')
    expect(verifyAzureDevOpsWebhook(auth('anyone:s3cret'), body, 's3cret')?.keys).toEqual(['7'])
    expect(verifyAzureDevOpsWebhook(auth('s3cret'), body, 's3cret')).toBeNull()
    expect(verifyAzureDevOpsWebhook(auth('anyone:wrong'), body, 's3cret')).toBeNull()
  })

  test('an empty secret verifies nothing, and a bearer token is not basic auth', () => {
    const body = azureHookDelivery('7')
    expect(verifyAzureDevOpsWebhook(auth(':'), body, '')).toBeNull()
    expect(verifyAzureDevOpsWebhook({ authorization: 'Bearer s3cret' }, body, 's3cret')).toBeNull()
  })

  test('names no item for other events and an unreadable body', () => {
    const build = JSON.stringify({ eventType: 'build.complete', resource: { id: 3 } })
    expect(verifyAzureDevOpsWebhook(auth('u:p'), build, 'u:p')).toEqual({
      keys: [],
      event: 'build.complete',
    })
    expect(verifyAzureDevOpsWebhook(auth('u:p'), '{"eventType": ', 'u:p')).toEqual({
      keys: [],
      event: 'unreadable',
    })
  })
})
