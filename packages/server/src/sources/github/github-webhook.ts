import { createHmac, timingSafeEqual } from 'node:crypto'
import type { WebhookDelivery } from '../connector'

/** The webhook events whose deliveries name items or the repository whose items changed. */
export const GITHUB_WEBHOOK_EVENTS = [
  'issues',
  'pull_request',
  'label',
  'milestone',
  'projects_v2_item',
] as const

/** A verified GitHub delivery: the items it names, and the repository it concerns. */
export interface GitHubWebhookDelivery extends WebhookDelivery {
  /**
   * The repository of the delivery (`acme/pay`), when it names one. A `label` or `milestone`
   * delivery names no item: a renamed label or milestone changes the status of every item that
   * carries it, so the repository is worth an incremental sync.
   */
  repository?: string
}

type HeaderValue = string | string[] | undefined

function headerOf(headers: Record<string, HeaderValue>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value
  }
  return undefined
}

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i

/** Whether `signature` (`sha256=<hex>`) is the HMAC-SHA256 of `body` with `secret`. */
function isSigned(body: Uint8Array, signature: string | undefined, secret: string): boolean {
  const hex = SIGNATURE.exec(signature?.trim() ?? '')?.[1]
  if (hex === undefined || secret === '') return false
  const expected = createHmac('sha256', secret).update(body).digest()
  return timingSafeEqual(Buffer.from(hex, 'hex'), expected)
}

type Payload = Record<string, unknown> & {
  action?: unknown
  repository?: { full_name?: unknown }
  issue?: { number?: unknown }
  number?: unknown
  pull_request?: { number?: unknown }
  changes?: { new_issue?: { number?: unknown }; new_repository?: { full_name?: unknown } }
  projects_v2_item?: { content_node_id?: unknown; content_type?: unknown }
}

function parsePayload(text: string): Payload | undefined {
  // a webhook set to application/x-www-form-urlencoded sends `payload=<json>`
  const json = text.startsWith('payload=')
    ? decodeURIComponent(text.slice('payload='.length).replace(/\+/g, ' '))
    : text
  try {
    const value: unknown = JSON.parse(json)
    return typeof value === 'object' && value !== null ? (value as Payload) : undefined
  } catch {
    return undefined
  }
}

function eventOf(header: string | undefined, payload: Payload): string {
  if (header) return header
  for (const name of ['pull_request', 'issue', 'projects_v2_item', 'label', 'milestone']) {
    if (name in payload) return name === 'issue' ? 'issues' : name
  }
  return 'unknown'
}

function keyOf(repo: unknown, number: unknown): string[] {
  return typeof repo === 'string' && Number.isInteger(number) ? [`${repo}#${String(number)}`] : []
}

function keysOf(event: string, payload: Payload): string[] {
  const repo = payload.repository?.full_name
  switch (event) {
    case 'issues': {
      const keys = keyOf(repo, payload.issue?.number)
      const moved = payload.changes
      if (payload.action === 'transferred' && moved) {
        keys.push(...keyOf(moved.new_repository?.full_name, moved.new_issue?.number))
      }
      return keys
    }
    case 'pull_request':
      return keyOf(repo, payload.number ?? payload.pull_request?.number)
    case 'projects_v2_item': {
      const item = payload.projects_v2_item
      const isItem = item?.content_type === 'Issue' || item?.content_type === 'PullRequest'
      return isItem && typeof item.content_node_id === 'string' ? [item.content_node_id] : []
    }
    default:
      return []
  }
}

/**
 * Verifies a GitHub webhook delivery and names what changed, or returns null when
 * `X-Hub-Signature-256` is absent or is not the HMAC-SHA256 of the exact `rawBody` bytes with
 * `secret` (compared in constant time; an empty secret verifies nothing). `keys`: the issue or
 * pull request of an `issues` or `pull_request` delivery (`acme/pay#12`; a transferred issue
 * also under its new key), or the node id of a `projects_v2_item` delivery's issue or pull
 * request (it carries no repository or number: `fetchItems` takes node ids); none for `label`,
 * `milestone`, `ping` and other events. `event` is `<X-GitHub-Event>.<action>`.
 */
export function verifyGitHubWebhook(
  headers: Record<string, HeaderValue>,
  rawBody: string | Uint8Array,
  secret: string,
): GitHubWebhookDelivery | null {
  const bytes = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody
  if (!isSigned(bytes, headerOf(headers, 'x-hub-signature-256'), secret)) return null
  const payload = parsePayload(Buffer.from(bytes).toString('utf8'))
  const name = eventOf(headerOf(headers, 'x-github-event'), payload ?? {})
  if (payload === undefined) return { keys: [], event: `${name}.unreadable` }
  const action = typeof payload.action === 'string' ? `.${payload.action}` : ''
  const repository = payload.repository?.full_name
  const delivery: GitHubWebhookDelivery = { keys: keysOf(name, payload), event: `${name}${action}` }
  if (typeof repository === 'string') delivery.repository = repository
  return delivery
}

/** The `X-Hub-Signature-256` value of `body` signed with `secret` (for tests and tools). */
export function signGitHubWebhook(body: string | Uint8Array, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
}
