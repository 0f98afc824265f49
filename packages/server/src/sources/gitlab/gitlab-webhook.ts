import { createHmac } from 'node:crypto'
import type { WebhookDelivery } from '../connector'
import { sameSecretText, webhookHeader } from '../webhook-checks'
import type { WebhookHeaders } from '../webhook-checks'
import { gitLabKey } from './gitlab-keys'

/** Headers as a plain object with any case. */
export type GitLabWebhookHeaders = WebhookHeaders

/** A signing token (Standard Webhooks) starts with this; any other secret is a secret token. */
export const GITLAB_SIGNING_TOKEN_PREFIX = 'whsec_'

/** How far a signed delivery's `webhook-timestamp` may be from now (replays are refused). */
export const GITLAB_SIGNATURE_TOLERANCE_MS = 5 * 60_000

/** `v1,<base64>` of HMAC-SHA256 over `id.timestamp.body` keyed with the token's bytes. */
export function signGitLabWebhook(at: {
  id: string
  timestamp: string
  body: string
  signingToken: string
}): string {
  const key = Buffer.from(at.signingToken.slice(GITLAB_SIGNING_TOKEN_PREFIX.length), 'base64')
  const mac = createHmac('sha256', key).update(`${at.id}.${at.timestamp}.${at.body}`, 'utf8')
  return `v1,${mac.digest('base64')}`
}

function isSigned(at: {
  headers: GitLabWebhookHeaders
  body: string
  token: string
  nowMs: number
}): boolean {
  const { headers, body, token, nowMs } = at
  const id = webhookHeader(headers, 'webhook-id')
  const timestamp = webhookHeader(headers, 'webhook-timestamp')
  const given = webhookHeader(headers, 'webhook-signature')
  if (id === undefined || timestamp === undefined || given === undefined) return false
  if (!(Math.abs(Number(timestamp) * 1000 - nowMs) <= GITLAB_SIGNATURE_TOLERANCE_MS)) return false
  const expected = signGitLabWebhook({ id, timestamp, body, signingToken: token })
  // the header may hold several space-separated signatures (during a token rotation)
  return given.split(' ').some((signature) => sameSecretText(signature, expected))
}

type Hook = {
  object_kind?: unknown
  project?: { path_with_namespace?: unknown }
  object_attributes?: { iid?: unknown; action?: unknown; type?: unknown }
}

function deliveryOf(text: string): WebhookDelivery {
  let hook: Hook
  try {
    hook = JSON.parse(text) as Hook
  } catch {
    return { keys: [], event: 'unreadable' }
  }
  if (typeof hook !== 'object' || hook === null) return { keys: [], event: 'unreadable' }
  const kind = typeof hook.object_kind === 'string' ? hook.object_kind : 'unknown'
  const attributes = hook.object_attributes ?? {}
  const action = typeof attributes.action === 'string' ? `.${attributes.action}` : ''
  const project = hook.project?.path_with_namespace
  const iid = attributes.iid
  const list =
    kind === 'merge_request'
      ? 'merge_requests'
      : kind === 'issue' || kind === 'work_item'
        ? 'issues'
        : undefined
  const named = list !== undefined && typeof project === 'string' && Number.isInteger(iid)
  return { keys: named ? [gitLabKey(project, list, iid as number)] : [], event: `${kind}${action}` }
}

/** One delivery to verify, at `nowMs` (signing tokens refuse old timestamps). */
export interface GitLabDeliveryCheck {
  headers: GitLabWebhookHeaders
  body: string | Uint8Array
  secret: string
  nowMs: number
}

/**
 * Verifies a GitLab webhook delivery and names its item, or returns null when it is not from
 * GitLab. With a secret token (any secret not starting `whsec_`): `X-Gitlab-Token` must equal it
 * (constant-time); GitLab sends the token itself, so it proves the sender, not the body. With a
 * signing token (`whsec_<base64>`, GitLab's HMAC webhook signing): `webhook-signature` must be
 * `v1,<base64 HMAC-SHA256 of "webhook-id.webhook-timestamp.body">` and the timestamp within 5
 * minutes of `nowMs`, which covers the exact body. An empty secret verifies nothing. Keys: the
 * issue (`group/project#12`) of an issue or work item hook, the merge request
 * (`group/project!7`) of a merge request hook; none for other hooks. `event`:
 * `<object_kind>.<action>` (`issue.update`).
 */
export function verifyGitLabDelivery(check: GitLabDeliveryCheck): WebhookDelivery | null {
  const { headers, secret, nowMs } = check
  if (secret === '') return null
  const body =
    typeof check.body === 'string' ? check.body : Buffer.from(check.body).toString('utf8')
  const given = webhookHeader(headers, 'x-gitlab-token')
  const ok = secret.startsWith(GITLAB_SIGNING_TOKEN_PREFIX)
    ? isSigned({ headers, body, token: secret, nowMs })
    : given !== undefined && sameSecretText(given, secret)
  return ok ? deliveryOf(body) : null
}

/** {@link verifyGitLabDelivery} now. */
export function verifyGitLabWebhook(
  headers: GitLabWebhookHeaders,
  body: string | Uint8Array,
  secret: string,
): WebhookDelivery | null {
  return verifyGitLabDelivery({ headers, body, secret, nowMs: Date.now() })
}
