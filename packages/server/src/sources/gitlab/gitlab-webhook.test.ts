import { describe, expect, test } from 'vitest'
import { verifyGitLabDelivery, verifyGitLabWebhook } from './gitlab-webhook'
import {
  FAKE_SIGNING_TOKEN,
  gitLabHookDelivery,
  signedHookHeaders,
} from './testing/gitlab-webhook-deliveries'

const TOKEN = 'a-secret-token'
const NOW = Date.parse('2026-03-02T09:00:00Z')

describe('verifyGitLabWebhook', () => {
  test('names the issue of an issue hook when X-Gitlab-Token is the secret, in any header case', () => {
    const body = gitLabHookDelivery('acme/sub/pay#12', 'close')
    expect(verifyGitLabWebhook({ 'X-Gitlab-Token': TOKEN }, body, TOKEN)).toEqual({
      keys: ['acme/sub/pay#12'],
      event: 'issue.close',
    })
  })

  test('names the merge request of a merge request hook', () => {
    const body = gitLabHookDelivery('acme/pay!7', 'merge')
    expect(verifyGitLabWebhook({ 'x-gitlab-token': TOKEN }, body, TOKEN)).toEqual({
      keys: ['acme/pay!7'],
      event: 'merge_request.merge',
    })
  })

  test('refuses a missing or wrong token, and verifies nothing with an empty secret', () => {
    const body = gitLabHookDelivery('acme/pay#1')
    expect(verifyGitLabWebhook({}, body, TOKEN)).toBeNull()
    expect(verifyGitLabWebhook({ 'x-gitlab-token': `${TOKEN}x` }, body, TOKEN)).toBeNull()
    expect(verifyGitLabWebhook({ 'x-gitlab-token': '' }, body, '')).toBeNull()
  })

  test('a hook about no issue or merge request (push, pipeline) names no keys', () => {
    const body = JSON.stringify({
      object_kind: 'push',
      project: { path_with_namespace: 'acme/pay' },
    })
    expect(verifyGitLabWebhook({ 'x-gitlab-token': TOKEN }, body, TOKEN)).toEqual({
      keys: [],
      event: 'push',
    })
  })

  test('a signing token checks the signature over the exact body and the timestamp', () => {
    const body = gitLabHookDelivery('acme/pay#3')
    const headers = signedHookHeaders(body, FAKE_SIGNING_TOKEN, NOW)
    expect(
      verifyGitLabDelivery({ headers: headers, body: body, secret: FAKE_SIGNING_TOKEN, nowMs: NOW })
        ?.keys,
    ).toEqual(['acme/pay#3'])
    expect(
      verifyGitLabDelivery({
        headers: headers,
        body: body.replace('#3', '#4'),
        secret: FAKE_SIGNING_TOKEN,
        nowMs: NOW,
      }),
    ).toBeNull()
    // a replay ten minutes later
    expect(
      verifyGitLabDelivery({
        headers: headers,
        body: body,
        secret: FAKE_SIGNING_TOKEN,
        nowMs: NOW + 600_000,
      }),
    ).toBeNull()
    // the token itself in X-Gitlab-Token does not stand in for a signature
    expect(
      verifyGitLabDelivery({
        headers: { 'x-gitlab-token': FAKE_SIGNING_TOKEN },
        body: body,
        secret: FAKE_SIGNING_TOKEN,
        nowMs: NOW,
      }),
    ).toBeNull()
  })

  test('a signature among several (a token being rotated) is accepted', () => {
    const body = gitLabHookDelivery('acme/pay#3')
    const headers = signedHookHeaders(body, FAKE_SIGNING_TOKEN, NOW)
    const both = { ...headers, 'webhook-signature': `v1,b2xk ${headers['webhook-signature']}` }
    expect(
      verifyGitLabDelivery({ headers: both, body: body, secret: FAKE_SIGNING_TOKEN, nowMs: NOW }),
    ).not.toBeNull()
  })
})
