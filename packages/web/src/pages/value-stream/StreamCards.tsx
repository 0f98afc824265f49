import { SimpleGrid } from '@mantine/core'
import type { FlowMetricsReportResponse } from '../../api/types'
import { SparkTrend } from '../../charts/SparkTrend'
import { periodLabel } from '../../charts/chart-common'
import { MetricCard } from '../../components/MetricCard'
import { lastCompleteIndex, streamCards } from './stream-cards'

/** The five Flow Metrics of the last period as cards, each with its trend over the range. */
export function StreamCards(props: { report: FlowMetricsReportResponse }) {
  const cards = streamCards(props.report)
  const index = lastCompleteIndex(props.report)
  const before = props.report.periods[index - 1]
  const previousLabel = before ? periodLabel(before.start, props.report.period) : undefined
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 5 }}>
      {cards.map((card) => (
        <MetricCard
          key={card.key}
          label={card.label}
          value={card.value}
          previous={card.previous}
          previousLabel={previousLabel}
          format={card.format}
          unit={card.unit}
          better={card.better}
          definition={card.definition}
        >
          <SparkTrend
            values={card.spark}
            label={`${card.label} per ${props.report.period}`}
            width={160}
            height={32}
          />
        </MetricCard>
      ))}
    </SimpleGrid>
  )
}
