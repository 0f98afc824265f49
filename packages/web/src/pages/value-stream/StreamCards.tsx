import { SimpleGrid } from '@mantine/core'
import type { FlowMetricsReportResponse } from '../../api/types'
import { SparkTrend } from '../../charts/SparkTrend'
import { periodLabel } from '../../charts/chart-common'
import { MetricCard } from '../../components/MetricCard'
import { coveredPeriodLabel, lastCompleteIndex, streamCards } from './stream-cards'

/** The five Flow Metrics of the last period as cards, each with its trend over the range. */
export function StreamCards(props: { report: FlowMetricsReportResponse }) {
  const cards = streamCards(props.report)
  const index = lastCompleteIndex(props.report)
  const before = props.report.periods[index - 1]
  const previousLabel = before ? periodLabel(before.start, props.report.period) : undefined
  const covered = coveredPeriodLabel(props.report)
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
          covers={covered}
        >
          <SparkTrend
            values={card.spark}
            label={`${card.label} per full ${props.report.period}`}
            width={160}
            height={32}
          />
        </MetricCard>
      ))}
    </SimpleGrid>
  )
}
