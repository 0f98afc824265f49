import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { verifyJiraWebhook } from './jira-webhook'

const SECRET = 'a-shared-secret'
const sign = (body: string, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
const delivery = (event: string, key = 'PAY-12') =>
  JSON.stringify({ timestamp: 1, webhookEvent: event, issue: { id: '10012', key } })

describe('verifyJiraWebhook', () => {
  test.each(['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted'])(
    'names the issue of a signed %s delivery',
    (event) => {
      const body = delivery(event)
      expect(verifyJiraWebhook({ 'X-Hub-Signature': sign(body) }, body, SECRET)).toEqual({
        keys: ['PAY-12'],
        event: event.replace('jira:', ''),
      })
    },
  )

  test('accepts Headers, upper-case hex and a byte body when the signature matches', () => {
    const body = delivery('jira:issue_updated')
    const headers = new Headers({
      'x-hub-signature': sign(body).toUpperCase().replace('SHA256', 'sha256'),
    })
    expect(verifyJiraWebhook(headers, new TextEncoder().encode(body), SECRET)?.keys).toEqual([
      'PAY-12',
    ])
  })

  test.each([
    ['no signature', {}],
    ['another secret', { 'x-hub-signature': sign(delivery('jira:issue_updated'), 'other') }],
    ['a sha1 signature', { 'x-hub-signature': `sha1=${'0'.repeat(40)}` }],
    ['a short signature', { 'x-hub-signature': 'sha256=abcd' }],
  ])('refuses a delivery with %s', (_, headers) => {
    expect(verifyJiraWebhook(headers, delivery('jira:issue_updated'), SECRET)).toBeNull()
  })

  test('refuses every delivery when the secret is empty', () => {
    const body = delivery('jira:issue_updated')
    expect(verifyJiraWebhook({ 'x-hub-signature': sign(body, '') }, body, '')).toBeNull()
  })

  test('names no issue when the event is not about an issue', () => {
    const body = JSON.stringify({ webhookEvent: 'sprint_started', sprint: { id: 1 } })
    expect(verifyJiraWebhook({ 'x-hub-signature': sign(body) }, body, SECRET)).toEqual({
      keys: [],
      event: 'sprint_started',
    })
  })

  test('refuses a signed body that is not JSON', () => {
    expect(
      verifyJiraWebhook({ 'x-hub-signature': sign('{"issue":') }, '{"issue":', SECRET),
    ).toBeNull()
  })
})
