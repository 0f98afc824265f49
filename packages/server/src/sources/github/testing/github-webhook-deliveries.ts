import type { WebhookContract } from '../../testing/connector-contract'
import { signGitHubWebhook, verifyGitHubWebhook } from '../github-webhook'
import { GITHUB_SHAPES } from './fake-github-json'

/** The webhook secret of the contract's deliveries. */
export const FAKE_WEBHOOK_SECRET = 'fake-webhook-secret'

/**
 * A real `issues.labeled` delivery (from GitHub's webhook examples) about `key`
 * (`acme/pay#3`): repository and number replaced, and the key in the issue's body, where a
 * tampering test can find it.
 */
export function issuesLabeledDelivery(key: string): string {
  const [repo = '', number = '0'] = key.split('#')
  const template = GITHUB_SHAPES.webhookIssuesLabeled as {
    issue: Record<string, unknown>
    repository: Record<string, unknown>
  }
  const delivery = {
    ...template,
    issue: { ...template.issue, number: Number(number), body: `Tracked as ${key}.` },
    repository: { ...template.repository, full_name: repo, name: repo.split('/')[1] },
  }
  return JSON.stringify(delivery)
}

/** Headers of a delivery of `body` signed with `secret`. */
export function deliveryHeaders(body: string, secret: string, event = 'issues') {
  return {
    'content-type': 'application/json',
    'x-github-event': event,
    'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    'x-hub-signature-256': signGitHubWebhook(body, secret),
  }
}

/** The contract's webhook cases for GitHub. */
export const gitHubWebhookContract: WebhookContract = {
  bodyFor: issuesLabeledDelivery,
  signedHeaders: (body) => deliveryHeaders(body, FAKE_WEBHOOK_SECRET),
  forgedHeaders: (body) => deliveryHeaders(body, 'another-secret'),
  verify: (headers, body) => verifyGitHubWebhook(headers, body, FAKE_WEBHOOK_SECRET),
}
