// @vitest-environment jsdom
import { afterEach, expect, test, vi } from 'vitest'
import { cleanup, screen, within } from '@testing-library/react'
import type { SourceStateListResponse, SourceStateResponse } from '../../api/types'
import { render } from '../../test/render'
import SourcesPage from './SourcesPage'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

function jira(overrides: Partial<SourceStateResponse> = {}): SourceStateResponse {
  return {
    name: 'acme-jira',
    kind: 'jira',
    itemCount: 1234,
    scopes: [
      {
        name: 'PAY',
        kind: 'project',
        value: 'PAY',
        sourceCount: 1236,
        storedCount: 1234,
        reconciledAt: '2026-03-02T09:00:00Z',
      },
      {
        name: 'OPS',
        kind: 'project',
        value: 'OPS',
        sourceCount: 10,
        storedCount: 10,
        reconciledAt: '2026-03-02T09:00:00Z',
      },
    ],
    token: { ok: true, text: '$JIRA_TOKEN (ok)' },
    webhook: false,
    lastRun: {
      id: 7,
      outcome: 'failed',
      startedAt: '2026-03-02T09:00:00Z',
      finishedAt: '2026-03-02T09:00:12.5Z',
      inserted: 3,
      updated: 1200,
      deleted: 2,
      error: 'jira answered 403: the token lacks the Browse projects permission on OPS',
    },
    rateLimit: { limit: 5000, remaining: 4200 },
    running: null,
    ...overrides,
  }
}

const ALLOWED = { allowed: true, reason: null }
const KINDS = [{ kind: 'jira', description: 'Jira Cloud or Data Center' }]

/** Answers the dashboard's requests from `list`; records every POST. */
function serve(list: SourceStateListResponse, onPost?: (path: string, body: unknown) => unknown) {
  const posts: { path: string; body: unknown }[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit) => {
      if (init.method === 'POST') {
        const body = JSON.parse(String(init.body)) as unknown
        posts.push({ path, body })
        return Response.json(onPost?.(path, body) ?? {}, { status: 202 })
      }
      return Response.json(structuredClone(list))
    }),
  )
  return posts
}

test('shows counts, the gap between tool and store, the last run and its error when synced', async () => {
  serve({ sources: [jira()], actions: ALLOWED, kinds: KINDS })
  render(<SourcesPage />)
  const card = await screen.findByRole('region', { name: 'acme-jira' })
  expect(within(card).getByTestId('source-items').textContent).toBe('1,234 items')
  expect(
    within(card)
      .getAllByTestId('scope-in-tool')
      .map((c) => c.textContent),
  ).toEqual(['1,236', '10'])
  expect(within(card).getByTestId('scope-mismatch').textContent).toBe('2 not stored')
  expect(within(card).getByTestId('last-run').textContent).toContain(
    'took 12.5 s · 3 new, 1,200 changed, 2 deleted',
  )
  expect(within(card).getByTestId('last-error').textContent).toContain(
    'the token lacks the Browse projects permission on OPS',
  )
  expect(within(card).getByText('4,200 of 5,000 requests left')).toBeTruthy()
  expect(within(card).getByTestId('token-state').textContent).toBe('$JIRA_TOKEN (ok)')
})

test('shows live progress, then the result, when Sync now is clicked', async () => {
  const list: SourceStateListResponse = { sources: [jira()], actions: ALLOWED, kinds: KINDS }
  const posts = serve(list, () => {
    list.sources[0] = jira({ running: { source: 'acme-jira', scope: 'PAY', done: 2, total: 4 } })
    return { source: 'acme-jira', full: false }
  })
  const { user } = render(<SourcesPage />)
  await user.click(await screen.findByRole('button', { name: 'Sync now acme-jira' }))
  expect(posts).toEqual([{ path: '/api/v1/sources/acme-jira/sync', body: {} }])
  await screen.findByText('Syncing PAY: 2 of 4 items')
  const run = jira().lastRun
  list.sources[0] = jira({ lastRun: run && { ...run, outcome: 'succeeded', error: null } })
  await screen.findByText('Succeeded', {}, { timeout: 3000 })
  expect(screen.queryByText(/^Syncing/)).toBeNull()
})

test('shows every check when the connection is tested', async () => {
  serve({ sources: [jira()], actions: ALLOWED, kinds: KINDS }, () => ({
    ok: false,
    checks: [
      { name: 'reachable', ok: true, detail: 'https://acme.atlassian.net answers' },
      { name: 'permissions', ok: false, detail: 'no Browse projects permission on OPS' },
    ],
    timezone: 'Europe/Berlin',
    scopes: [{ scope: 'PAY', items: 1236 }],
  }))
  const { user } = render(<SourcesPage />)
  await user.click(await screen.findByRole('button', { name: 'Test connection of acme-jira' }))
  const report = await screen.findByTestId('connection-report')
  expect(report.textContent).toContain('Connection failed')
  expect(report.textContent).toContain('(failed) no Browse projects permission on OPS')
  expect(report.textContent).toContain('scope PAY: 1,236 items')
  expect(report.textContent).toContain('Time zone of the user: Europe/Berlin')
})

test('offers no actions and says why when the server does not allow them', async () => {
  const reason = 'the server listens beyond loopback'
  serve({ sources: [jira()], actions: { allowed: false, reason }, kinds: KINDS })
  render(<SourcesPage />)
  await screen.findByRole('region', { name: 'acme-jira' })
  expect(screen.getByText(`Testing and syncing from here is off: ${reason}.`)).toBeTruthy()
  expect(screen.queryByRole('button', { name: /Sync now|Test connection|Add source/ })).toBeNull()
})

test('sends the name of the token variable, never a token, when a source is added', async () => {
  const posts = serve({ sources: [jira()], actions: ALLOWED, kinds: KINDS }, () => ({
    source: jira({ name: 'beta' }),
  }))
  const { user } = render(<SourcesPage />)
  await user.click(await screen.findByRole('button', { name: 'Add source' }))
  const form = await screen.findByRole('form', { name: 'Add a source' })
  await user.type(within(form).getByRole('textbox', { name: /^Name/ }), 'beta')
  await user.type(within(form).getByRole('textbox', { name: /^Token variable/ }), 'BETA_TOKEN')
  const settings = within(form).getByRole('textbox', { name: /^Settings/ })
  await user.clear(settings)
  await user.click(settings)
  await user.paste('{"url": "https://beta.atlassian.net"}')
  await user.click(within(form).getByRole('button', { name: 'Add source' }))
  expect(posts).toEqual([
    {
      path: '/api/v1/sources',
      body: {
        kind: 'jira',
        name: 'beta',
        tokenEnv: 'BETA_TOKEN',
        settings: { url: 'https://beta.atlassian.net' },
      },
    },
  ])
})

test('says how to connect a tool when the store has no sources', async () => {
  serve({ sources: [], actions: ALLOWED, kinds: [] })
  render(<SourcesPage />)
  const empty = await screen.findByRole('status')
  expect(empty.textContent).toContain('No sources yet')
  expect(empty.textContent).toContain('vmo source add jira')
  expect(empty.textContent).toContain('vmo source add github')
  expect(screen.queryByRole('button', { name: 'Add source' })).toBeNull()
})
