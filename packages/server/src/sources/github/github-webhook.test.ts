import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { sharedDataPath } from '../../../test/shared-data'
import { signGitHubWebhook, verifyGitHubWebhook } from './github-webhook'

const SECRET = "It's a Secret to Everybody"

interface Examples {
  examples: Record<string, unknown>[]
}

function examples(event: string): Record<string, unknown>[] {
  const path = sharedDataPath(`github-rest-api-fixtures/webhook-examples/${event}.json`)
  return (JSON.parse(readFileSync(path, 'utf8')) as Examples).examples
}

function signed(event: string, body: string, secret = SECRET) {
  return { 'X-GitHub-Event': event, 'X-Hub-Signature-256': signGitHubWebhook(body, secret) }
}

describe('verifyGitHubWebhook', () => {
  test('checks the signature GitHub documents for its example secret and payload', () => {
    // GitHub's documented example: secret "It's a Secret to Everybody", payload "Hello, World!"
    const headers = {
      'x-hub-signature-256':
        'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    }
    expect(verifyGitHubWebhook(headers, 'Hello, World!', SECRET)).toEqual({
      keys: [],
      event: 'unknown.unreadable',
    })
  })

  test('names the issue of every real issues delivery, and both keys of a transfer', () => {
    for (const payload of examples('issues')) {
      const body = JSON.stringify(payload)
      const delivery = verifyGitHubWebhook(signed('issues', body), body, SECRET)
      const repo = (payload.repository as { full_name: string }).full_name
      const number = (payload.issue as { number: number }).number
      expect(delivery?.event).toBe(`issues.${String(payload.action)}`)
      expect(delivery?.repository).toBe(repo)
      expect(delivery?.keys[0]).toBe(`${repo}#${number}`)
      if (payload.action === 'transferred') {
        const changes = payload.changes as {
          new_repository: { full_name: string }
          new_issue: { number: number }
        }
        expect(delivery?.keys[1]).toBe(
          `${changes.new_repository.full_name}#${changes.new_issue.number}`,
        )
      }
    }
  })

  test('names the pull request of every real pull_request delivery', () => {
    for (const payload of examples('pull_request')) {
      const body = JSON.stringify(payload)
      const delivery = verifyGitHubWebhook(signed('pull_request', body), body, SECRET)
      const repo = (payload.repository as { full_name: string }).full_name
      expect(delivery?.keys).toEqual([`${repo}#${String(payload.number)}`])
    }
  })

  test('names issues and pull requests of Projects v2 items by node id, and draft issues not at all', () => {
    const got = examples('projects_v2_item').map((payload) => {
      const body = JSON.stringify(payload)
      return verifyGitHubWebhook(signed('projects_v2_item', body), body, SECRET)
    })
    expect(got.map((d) => d?.event)).toEqual([
      'projects_v2_item.created',
      'projects_v2_item.archived',
      'projects_v2_item.converted',
      'projects_v2_item.created',
      'projects_v2_item.edited',
      'projects_v2_item.reordered',
      'projects_v2_item.restored',
    ])
    expect(got.map((d) => d?.keys)).toEqual([
      [],
      ['I_kwDOCG5vGM5La0aB'],
      ['I_kwDOCG5vGM5La0aB'],
      [],
      [],
      ['I_kwDOCG5vGM5La0aB'],
      ['I_kwDOCG5vGM5La0aB'],
    ])
  })

  test('names no item but the repository for label and milestone deliveries', () => {
    for (const event of ['label', 'milestone']) {
      for (const payload of examples(event)) {
        const body = JSON.stringify(payload)
        const delivery = verifyGitHubWebhook(signed(event, body), body, SECRET)
        expect(delivery).toEqual({
          keys: [],
          event: `${event}.${String(payload.action)}`,
          repository: (payload.repository as { full_name: string }).full_name,
        })
      }
    }
  })

  test('refuses a delivery signed with another secret, tampered with, unsigned or signed with sha1', () => {
    const body = JSON.stringify(examples('issues')[0])
    expect(verifyGitHubWebhook(signed('issues', body, 'another secret'), body, SECRET)).toBeNull()
    expect(
      verifyGitHubWebhook(signed('issues', body), body.replace('"number":1', '"number":2'), SECRET),
    ).toBeNull()
    expect(verifyGitHubWebhook({ 'x-github-event': 'issues' }, body, SECRET)).toBeNull()
    const sha1 = { 'x-hub-signature': 'sha1=7d38cdd689735b008b3c702edd92eea23791c5f6' }
    expect(verifyGitHubWebhook(sha1, body, SECRET)).toBeNull()
    expect(verifyGitHubWebhook(signed('issues', body, ''), body, '')).toBeNull()
  })

  test('reads form-encoded deliveries and raw bytes as GitHub sends them', () => {
    const payload = examples('issues')[0] as { issue: { number: number } }
    const form = `payload=${encodeURIComponent(JSON.stringify(payload))}`
    const delivery = verifyGitHubWebhook(signed('issues', form), Buffer.from(form), SECRET)
    expect(delivery?.keys).toEqual([`Codertocat/Hello-World#${payload.issue.number}`])
  })
})
