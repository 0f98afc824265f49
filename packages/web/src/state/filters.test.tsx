// @vitest-environment jsdom
import { afterEach, expect, test } from 'vitest'
import { act, cleanup, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { MemoryRouter, useLocation } from 'react-router'
import type { Filters } from './filters'
import { filtersSearch, parseFilters, scopeWords, singleStream, writeFilters } from './filters'
import { useFilters } from './use-filters'

afterEach(cleanup)

const full: Filters = {
  streams: ['Payments & Billing', 'Identity'],
  teams: ['payments', 'core'],
  types: ['feature', 'debt'],
  period: 'month',
  from: '2024-01-01',
  to: '2024-04-01',
  tz: 'Europe/Berlin',
  asOf: '2024-03-31',
}

test('filters survive a round trip through the URL when every filter is set', () => {
  expect(parseFilters(new URLSearchParams(filtersSearch(full)))).toEqual(full)
})

test('leaves defaults out of the URL and reads an empty URL as the defaults', () => {
  expect(
    filtersSearch({
      ...full,
      streams: [],
      teams: [],
      types: [],
      period: 'week',
      from: undefined,
      to: undefined,
      tz: undefined,
      asOf: undefined,
    }),
  ).toBe('')
  expect(parseFilters(new URLSearchParams())).toEqual({
    streams: [],
    teams: [],
    types: [],
    period: 'week',
    from: undefined,
    to: undefined,
    tz: undefined,
    asOf: undefined,
  })
})

test('drops malformed values when the URL was edited by hand', () => {
  const parsed = parseFilters(
    new URLSearchParams('period=fortnight&from=yesterday&type=feature,epic&to=2024-02-30x'),
  )
  expect(parsed.period).toBe('week')
  expect(parsed.from).toBeUndefined()
  expect(parsed.to).toBeUndefined()
  expect(parsed.types).toEqual(['feature'])
})

test('keeps parameters that are not filters when writing filters', () => {
  expect(writeFilters(full, new URLSearchParams('q=PAY-1')).get('q')).toBe('PAY-1')
})

test('the hook writes a change into the URL and reads it back when a filter is set', () => {
  let search = ''
  const Spy = () => {
    search = useLocation().search
    return null
  }
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MemoryRouter initialEntries={['/flow?stream=Payments']}>
      {children}
      <Spy />
    </MemoryRouter>
  )
  const { result } = renderHook(() => useFilters(), { wrapper })
  expect(result.current.filters.streams).toEqual(['Payments'])
  act(() => result.current.setFilters({ period: 'quarter', teams: ['core'] }))
  expect(result.current.filters).toMatchObject({
    streams: ['Payments'],
    period: 'quarter',
    teams: ['core'],
  })
  expect(new URLSearchParams(search).get('period')).toBe('quarter')
})

test('describes what the filters narrow the figures to', () => {
  expect(scopeWords(full)).toBe(
    'Payments & Billing, Identity · teams payments, core · feature, debt only',
  )
  expect(singleStream(full)).toBeUndefined()
  expect(singleStream({ ...full, streams: ['Identity'] })).toBe('Identity')
})
