import type { WebhookContract } from '../../testing/connector-contract'
import { signGitLabWebhook, verifyGitLabWebhook } from '../gitlab-webhook'
import { parseGitLabKey } from '../gitlab-keys'

/** A signing token as GitLab makes them (`whsec_` and 32 random bytes in base64). */
export const FAKE_SIGNING_TOKEN = `whsec_${Buffer.alloc(32, 7).toString('base64')}`

/** The secret token of the `X-Gitlab-Token` deliveries. */
export const FAKE_SECRET_TOKEN = 'fake-gitlab-secret-token'

/**
 * An issue hook about `key` (`acme/pay#3`) in the shape of GitLab's (go-gitlab's
 * testdata/webhooks/issue.json, trimmed): project path and iid replaced, and the key in the
 * description, where a tampering test can find it. A merge request key gives a merge request hook.
 */
export function gitLabHookDelivery(key: string, action = 'update'): string {
  const ref = parseGitLabKey(key)
  const kind = ref?.kind === 'merge_requests' ? 'merge_request' : 'issue'
  return JSON.stringify({
    object_kind: kind,
    event_type: kind,
    user: { id: 1, name: 'Administrator', username: 'root' },
    project: {
      id: 1,
      path_with_namespace: ref?.project ?? '',
      web_url: `http://example.com/${ref?.project ?? ''}`,
    },
    object_attributes: {
      id: 301,
      iid: ref?.iid ?? 0,
      title: 'New API: create/update/delete file',
      description: `Tracked as ${key}.`,
      state: 'opened',
      action,
      updated_at: '2013-12-03T17:15:43Z',
    },
    labels: [{ id: 206, title: 'workflow::doing' }],
  })
}

/** Headers of a delivery signed with a signing token (Standard Webhooks, as GitLab sends them). */
export function signedHookHeaders(body: string, signingToken: string, nowMs = Date.now()) {
  const id = 'b2f7a2c1-1f0e-4c55-9a8b-0c0de0c0ffee'
  const timestamp = String(Math.floor(nowMs / 1000))
  return {
    'content-type': 'application/json',
    'x-gitlab-event': 'Issue Hook',
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': signGitLabWebhook({ id, timestamp, body, signingToken }),
  }
}

/**
 * The contract's webhook cases for GitLab, with a signing token: only a signature covers the
 * body, which the contract tampers with (`X-Gitlab-Token` is tested in gitlab-webhook.test.ts).
 */
export const gitLabWebhookContract: WebhookContract = {
  bodyFor: (key) => gitLabHookDelivery(key),
  signedHeaders: (body) => signedHookHeaders(body, FAKE_SIGNING_TOKEN),
  forgedHeaders: (body) =>
    signedHookHeaders(body, `whsec_${Buffer.alloc(32, 9).toString('base64')}`),
  verify: (headers, body) => verifyGitLabWebhook(headers, body, FAKE_SIGNING_TOKEN),
}
