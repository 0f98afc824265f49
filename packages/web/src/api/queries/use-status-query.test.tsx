// @vitest-environment jsdom
import { afterEach, expect, test, vi } from 'vitest'
import { act, cleanup, screen, waitFor } from '@testing-library/react'
import { focusManager, useQuery } from '@tanstack/react-query'
import { render } from '../../test/render'
import { request } from '../client'
import { useRefreshOnDataChange } from './use-status-query'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  focusManager.setFocused(undefined)
})

/** A server whose status answers `version`, counting the metrics requests it gets. */
function stubServer() {
  const server = { dataVersion: 'd1', mappingVersion: 1, metricsRequests: 0 }
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url === '/api/v1/status') {
        const { dataVersion, mappingVersion } = server
        return Response.json({ dataVersion, mappingVersion, syncing: [] })
      }
      server.metricsRequests++
      return Response.json({ requests: server.metricsRequests })
    }),
  )
  return server
}

function Page() {
  useRefreshOnDataChange()
  const metrics = useQuery({
    queryKey: ['metrics'],
    queryFn: () => request<{ requests: number }>('/api/v1/metrics'),
    staleTime: Infinity,
  })
  return <p>metrics answer {metrics.data?.requests ?? 'none'}</p>
}

test('re-fetches open pages when the data or mapping version moved, not otherwise', async () => {
  const server = stubServer()
  const { client } = render(<Page />)
  await screen.findByText('metrics answer 1')
  await act(() => client.refetchQueries({ queryKey: ['status'] }))
  expect(server.metricsRequests).toBe(1)

  server.dataVersion = 'd2'
  await act(() => client.refetchQueries({ queryKey: ['status'] }))
  await screen.findByText('metrics answer 2')

  server.mappingVersion = 2
  await act(() => client.refetchQueries({ queryKey: ['status'] }))
  await screen.findByText('metrics answer 3')
})

test('asks for the status again when the window gets the focus back', async () => {
  const server = stubServer()
  render(<Page />)
  await screen.findByText('metrics answer 1')
  server.dataVersion = 'd2'
  act(() => {
    focusManager.setFocused(false)
    focusManager.setFocused(true)
  })
  await screen.findByText('metrics answer 2')
  await waitFor(() => expect(server.metricsRequests).toBe(2))
})
