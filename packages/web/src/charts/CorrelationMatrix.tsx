import { useMemo } from 'react'
import { List, Text } from '@mantine/core'
import type { ResultCorrelationsResponse } from '../api/types'
import { html } from '../format/html'
import { EChart } from './EChart'
import {
  cellLabel,
  correlationCells,
  correlationWords,
  resultWords,
  strongestHolding,
} from './correlation-rows'

type Cell = ReturnType<typeof correlationCells>[number]

function tooltip(data: ResultCorrelationsResponse) {
  const labelOf = (name: string) => data.metrics.find((m) => m.name === name)?.label ?? name
  return (params: { data?: Cell }) => {
    const c = params.data?.correlation
    if (!c) return ''
    const words = correlationWords(c, { metricLabel: labelOf(c.metric), period: data.period })
    const note = c.cautions.includes('too_few_periods')
      ? ' Too few periods to trust.'
      : c.cautions.includes('chance_among_many')
        ? ` Could be chance among the ${data.tried} pairs tried.`
        : ''
    return html`${words}${note}`
  }
}

/** Words under the matrix: the pairs that hold, or why none does. */
function Findings(props: { data: ResultCorrelationsResponse }) {
  const { data } = props
  const labelOf = (name: string) => data.metrics.find((m) => m.name === name)?.label ?? name
  const holding = strongestHolding(data)
  if (data.periods < 8) {
    return (
      <Text size="sm" data-testid="correlation-findings">
        Only {data.periods} {data.period}s are over in this range: too few to trust a correlation.
        Choose a longer range (at least 8 {data.period}s with results).
      </Text>
    )
  }
  if (holding.length === 0) {
    return (
      <Text size="sm" data-testid="correlation-findings">
        No pair holds once the {data.tried} pairs tried are counted: with that many, a few look
        strong by chance.
      </Text>
    )
  }
  return (
    <List size="sm" spacing={2} data-testid="correlation-findings">
      {holding.map((c) => (
        <List.Item key={`${c.metric}:${c.result}`}>
          {correlationWords(c, { metricLabel: labelOf(c.metric), period: data.period })}
        </List.Item>
      ))}
    </List>
  )
}

/**
 * Flow ↔ results: per flow metric (rows) and business result (columns) the rank correlation at
 * its strongest lag, red for "moves against", blue for "moves with"; the pairs that hold after
 * counting every pair tried, in words below. Moving together is not cause.
 */
export function CorrelationMatrix(props: { data: ResultCorrelationsResponse }) {
  const { data } = props
  const cells = useMemo(() => correlationCells(data), [data])
  const option = useMemo(
    () => ({
      tooltip: { confine: true, formatter: tooltip(data) },
      grid: { left: 110, right: 16, top: 44, bottom: 96 },
      xAxis: {
        type: 'category',
        data: data.results.map(resultWords),
        axisLabel: { interval: 0, rotate: 40 },
      },
      yAxis: { type: 'category', data: data.metrics.map((m) => m.label), inverse: true },
      visualMap: {
        min: -1,
        max: 1,
        calculable: false,
        orient: 'horizontal',
        right: 16,
        top: 0,
        itemHeight: 120,
        text: ['with', 'against'],
        inRange: { color: ['#c92a2a', '#f8f9fa', '#1864ab'] },
      },
      series: [
        {
          type: 'heatmap',
          data: cells,
          label: {
            show: true,
            fontSize: 11,
            lineHeight: 14,
            formatter: (p: { data: Cell }) => cellLabel(p.data.correlation),
          },
        },
      ],
    }),
    [cells, data],
  )
  const rows = data.correlations.map((c) => ({
    metric: c.metric,
    result: c.result,
    lag: c.lag,
    pairs: c.pairs,
    rho: c.rho,
    low: c.low,
    high: c.high,
    holds_after_correction: c.holdsAfterCorrection,
    cautions: c.cautions.join(' '),
  }))
  return (
    <EChart
      title="Flow and business results"
      description={`Rank correlation of each flow metric with each business result of ${data.stream}, per ${data.period}, at the lag (0 to ${data.maxLag} ${data.period}s) where it is strongest (+n: the result n ${data.period}s later); outlined: holds after counting the ${data.tried} pairs tried.`}
      option={option}
      csv={{ rows }}
      height={Math.max(300, 40 * data.metrics.length + 150)}
      covers={{ from: data.from, to: data.to }}
      footer={<Findings data={data} />}
    />
  )
}
