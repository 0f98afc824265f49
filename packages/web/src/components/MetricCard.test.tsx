// @vitest-environment jsdom
import { afterEach, expect, test } from 'vitest'
import { cleanup, screen } from '@testing-library/react'
import { render } from '../test/render'
import { MetricCard } from './MetricCard'
import { formatDays } from '../format/numbers'

afterEach(cleanup)

test('shows null as an em dash, never 0, when the metric cannot be computed', () => {
  render(
    <MetricCard
      label="Flow Time p50"
      value={null}
      format={formatDays}
      unit="days"
      definition="d"
    />,
  )
  expect(screen.getByTestId('metric-value').textContent).toBe('—')
  expect(screen.getByText('cannot be computed for this range')).toBeTruthy()
  expect(screen.queryByText('days')).toBeNull()
})

test('shows zero as 0 when zero is the real value', () => {
  render(<MetricCard label="Flow Velocity" value={0} format={String} definition="d" />)
  expect(screen.getByTestId('metric-value').textContent).toBe('0')
})

test('shows the change against the previous period when both are known', () => {
  render(
    <MetricCard
      label="Flow Velocity"
      value={12}
      previous={10}
      format={String}
      better="higher"
      definition="d"
      previousLabel="W1"
    />,
  )
  expect(screen.getByText(/\+20%/)).toBeTruthy()
  expect(screen.getByText(/vs W1/)).toBeTruthy()
})

test('offers the definition to keyboard and screen-reader users', () => {
  render(
    <MetricCard
      label="Flow Load"
      value={3}
      format={String}
      definition="Flow Load: items started and not ended"
    />,
  )
  expect(screen.getByRole('button', { name: 'Definition of Flow Load' })).toBeTruthy()
})
