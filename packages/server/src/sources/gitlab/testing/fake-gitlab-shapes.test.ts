import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sharedDataPath } from '../../../../test/shared-data'
import { startFakeGitLab } from './fake-gitlab-server'
import type { FakeGitLab } from './fake-gitlab-server'

// The "Example response" blocks of GitLab's API docs (gitlab-org/gitlab doc/api/*.md)
function docExample(name: string): Record<string, unknown> {
  const text = readFileSync(sharedDataPath(`gitlab-api-fixtures/docs-examples/${name}`), 'utf8')
  const value = JSON.parse(text) as unknown
  return (Array.isArray(value) ? value[0] : value) as Record<string, unknown>
}

const kindOf = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value

/**
 * Where `fake` strays from `real`: a member the docs' example does not have, or of another JSON
 * type (null stands for any type on either side: the examples leave many members empty).
 */
function strays(fake: unknown, real: unknown, path = ''): string[] {
  // GitLab's issue attributes list `moved_to_id`; the copied examples predate or omit it
  if (path === '' && typeof fake === 'object' && fake !== null && 'moved_to_id' in fake) {
    const { moved_to_id: _moved, ...rest } = fake as Record<string, unknown>
    return strays(rest, real, path)
  }
  if (fake === null || real === null || real === undefined) return []
  if (kindOf(fake) !== kindOf(real))
    return [`${path}: ${kindOf(fake)} where GitLab has ${kindOf(real)}`]
  if (Array.isArray(fake)) {
    const sample = (real as unknown[])[0]
    return sample === undefined ? [] : fake.flatMap((f, k) => strays(f, sample, `${path}[${k}]`))
  }
  if (typeof fake !== 'object') return []
  return Object.entries(fake as Record<string, unknown>).flatMap(([key, value]) =>
    key in (real as object)
      ? strays(value, (real as Record<string, unknown>)[key], `${path}.${key}`)
      : [`${path}.${key}: not in GitLab's example`],
  )
}

let fake: FakeGitLab
let issue = ''
let merge = ''

async function get(path: string): Promise<unknown> {
  const response = await fetch(`${fake.apiUrl}${path}`, {
    headers: { 'private-token': fake.token },
  })
  expect(response.status, path).toBe(200)
  return response.json()
}

beforeAll(async () => {
  fake = await startFakeGitLab()
  const issues = await fake.createItems({ name: 'pay', kind: 'project', value: 'acme/pay' }, 3)
  issue = issues[2] ?? ''
  merge = fake.createMergeRequest('acme/pay', { closes: [issues[0] ?? ''] })
  // the third merge request is closed by its last change: it has state events
  for (let k = 0; k < 2; k++) fake.createMergeRequest('acme/pay')
})

afterAll(() => fake.close())

describe('the fake GitLab speaks the shapes of GitLab’s API docs', () => {
  test.each([
    ['/projects/acme%2Fpay/issues?scope=all', 'issues.list-project-issues.json'],
    ['/projects/acme%2Fpay/merge_requests?scope=all', 'merge_requests.list.json'],
    ['/projects/1/issues/3/resource_state_events', 'resource_state_events.issue-list.json'],
    ['/projects/1/issues/3/resource_label_events', 'resource_label_events.issue-list.json'],
    [
      '/projects/1/merge_requests/3/resource_state_events',
      'resource_state_events.merge-request-list.json',
    ],
    ['/projects/1/merge_requests/1/closes_issues', 'issues.single-project-issue.json'],
  ])('GET %s answers in the shape of %s', async (path, example) => {
    const body = (await get(path)) as unknown[]
    expect(body.length).toBeGreaterThan(0)
    for (const item of body) expect(strays(item, docExample(example))).toEqual([])
  })

  test('offset pages carry the documented headers, keyset pages only Link rel="next"', async () => {
    const offset = await fetch(`${fake.apiUrl}/projects/acme%2Fpay/issues?per_page=2`, {
      headers: { 'private-token': fake.token },
    })
    for (const name of [
      'x-total',
      'x-total-pages',
      'x-page',
      'x-per-page',
      'x-next-page',
      'link',
    ]) {
      expect(offset.headers.get(name), name).not.toBeNull()
    }
    const keyset = await fetch(
      `${fake.apiUrl}/projects/acme%2Fpay/issues?per_page=2&pagination=keyset`,
      {
        headers: { 'private-token': fake.token },
      },
    )
    expect(keyset.headers.get('link')).toMatch(/^<[^>]+cursor=[^>]+>; rel="next"$/)
    expect(keyset.headers.get('x-total')).toBeNull()
    expect([issue, merge]).toEqual(['acme/pay#3', 'acme/pay!1'])
  })

  test('every answer carries the RateLimit-* headers GitLab documents', async () => {
    const response = await fetch(`${fake.apiUrl}/user`, {
      headers: { 'private-token': fake.token },
    })
    for (const name of [
      'ratelimit-limit',
      'ratelimit-name',
      'ratelimit-observed',
      'ratelimit-remaining',
      'ratelimit-reset',
    ]) {
      expect(response.headers.get(name), name).not.toBeNull()
    }
  })
})
