// @vitest-environment jsdom
import { afterEach, expect, test, vi } from 'vitest'
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import type { BusinessResultsResponse } from '../../api/types'
import { render } from '../../test/render'
import { AddResultPointForm } from './AddResultPointForm'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const results: BusinessResultsResponse = {
  stream: 'Payments',
  series: [
    {
      metric: 'incidents',
      points: [{ date: '2026-11-30', value: 3 }],
      latest: { date: '2026-11-30', value: 3 },
      status: 'off_target',
      definition: {
        stream: 'Payments',
        metric: 'incidents',
        category: 'quality',
        unit: 'count',
        direction: 'lower_is_better',
        target: 2,
        targetDate: '2027-03-31',
        description: null,
      },
    },
  ],
}

/** Answers every POST with `answer`; returns the requests made. */
function stubApi(answer: () => Response) {
  const posts: { path: string; body: unknown }[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit) => {
      posts.push({ path, body: JSON.parse(String(init.body)) as unknown })
      return answer()
    }),
  )
  return posts
}

async function fillAndSend(user: ReturnType<typeof render>['user']) {
  const form = screen.getByRole('form', { name: 'Add a business result' })
  fireEvent.change(within(form).getByLabelText(/^Date/), { target: { value: '2026-12-07' } })
  await user.type(within(form).getByRole('textbox', { name: /^Value \(count\)/ }), '1')
  await user.click(within(form).getByRole('button', { name: 'Add point' }))
}

test('posts the point in the definition unit and says it is saved', async () => {
  const posts = stubApi(() =>
    Response.json({ stream: 'Payments', metric: 'incidents', inserted: 1, updated: 0 }),
  )
  const { user } = render(<AddResultPointForm results={results} />)
  await fillAndSend(user)
  expect((await screen.findByRole('status')).textContent).toBe(
    'Saved incidents 1 count on 2026-12-07.',
  )
  expect(posts).toEqual([
    {
      path: '/api/v1/business-results/Payments/incidents/points',
      body: { points: [{ date: '2026-12-07', value: 1 }], unit: 'count' },
    },
  ])
})

test('shows the server refusal in its words', async () => {
  stubApi(() =>
    Response.json(
      {
        error: {
          code: 'INVALID_INPUT',
          message:
            'result "incidents" of "Payments": point 1 has date "2026-12-07", not a YYYY-MM-DD date',
        },
      },
      { status: 400 },
    ),
  )
  const { user } = render(<AddResultPointForm results={results} />)
  await fillAndSend(user)
  expect((await screen.findByRole('alert')).textContent).toContain('point 1 has date')
})
