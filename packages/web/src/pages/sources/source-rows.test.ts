import { expect, test } from 'vitest'
import { describeProgress, describeRateLimit, parseSettings, scopeRows } from './source-rows'

test('counts a stored item the tool no longer has as a negative difference', () => {
  const scope = { name: 'A', kind: 'repo', value: 'acme/pay', reconciledAt: null }
  const rows = scopeRows({
    name: 'gh',
    kind: 'github',
    itemCount: 12,
    scopes: [
      { ...scope, sourceCount: 10, storedCount: 12 },
      { ...scope, name: 'B', sourceCount: null, storedCount: 3 },
    ],
    token: null,
    webhook: true,
    lastRun: null,
    rateLimit: null,
    running: null,
  })
  expect(rows.map((r) => [r.name, r.what, r.difference, r.inTool])).toEqual([
    ['A', 'repo acme/pay', -2, '10'],
    ['B', 'repo acme/pay', null, '—'],
  ])
})

test('says the tool asked to wait when it answered with Retry-After', () => {
  expect(describeRateLimit({ retryAfterSeconds: 30, remaining: 0, limit: 10 })).toBe(
    'the tool asked to wait 30 s',
  )
  expect(describeRateLimit({ limit: 5000 })).toBeNull()
  expect(describeRateLimit(null)).toBeNull()
})

test('shows items so far without a share when the total is unknown', () => {
  expect(describeProgress({ source: 's', scope: '', done: 1500 })).toEqual({
    text: 'Syncing: 1,500 items so far',
    share: null,
  })
  expect(describeProgress({ source: 's', scope: 'A', done: 1, total: 4 }).share).toBe(0.25)
})

test('refuses settings that are not a JSON object when the form is sent', () => {
  expect(parseSettings('')).toEqual({ settings: {} })
  expect(parseSettings('{"url": "https://x"}')).toEqual({ settings: { url: 'https://x' } })
  expect(parseSettings('["a"]')).toMatchObject({ error: /must be a JSON object/ })
  expect(parseSettings('{url: 1}')).toMatchObject({ error: /not valid JSON/ })
})
