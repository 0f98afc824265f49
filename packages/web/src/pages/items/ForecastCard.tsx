import { Alert, Card, Table, Text, Title } from '@mantine/core'
import type { ItemJourneyResponse } from '../../api/types'
import { formatCount, formatDate, formatDays } from '../../format/numbers'
import { calibrationNote } from '../../format/calibration'
import { CalibrationCells, CalibrationHeads } from '../../components/CalibrationColumns'
import { ForecastWarnings, RollUpList } from './RollUpList'

const SHOWN = [0.5, 0.85, 0.95]

type ItemForecast = Extract<ItemJourneyResponse['forecast'], { kind: 'forecast' }>

/** The sentence saying what a single-item forecast rests on. */
export function forecastBasis(forecast: ItemForecast): string {
  const { flowTimes, ageDays, itemsAhead } = forecast.sample
  if (forecast.basis === 'roll_up') {
    return `Done when the last of the open work delivering it is done: each item forecast from its own stream, combined over ${formatCount(forecast.trials ?? 0)} trials.`
  }
  if (forecast.basis === 'in_progress') {
    return `Rests on ${formatCount(flowTimes)} completed items of the stream whose flow time exceeded this item's age of ${formatDays(ageDays)} days; their remaining time is this item's likely remaining time.`
  }
  return `Not started yet: rests on the stream's throughput for the ${formatCount(itemsAhead)} items ahead of it in its queue, plus the flow times of ${formatCount(flowTimes)} completed items.`
}

/** When the item will likely be done: dates at 50/85/95% confidence and the sample behind them. */
export function ForecastCard(props: { forecast: ItemJourneyResponse['forecast']; ended: boolean }) {
  const { forecast } = props
  const calibration = forecast.kind === 'forecast' ? forecast.calibration : null
  const byLevel = new Map((calibration?.levels ?? []).map((l) => [l.level as number, l]))
  return (
    <Card withBorder radius="md" padding="md" h="100%">
      <Title order={3} size="h5" mb="xs">
        When will it be done?
      </Title>
      {forecast.kind === 'not_applicable' && (
        <Text size="sm">
          {props.ended ? 'Already done: ' : ''}
          {forecast.reason}
        </Text>
      )}
      {forecast.kind === 'no_delivering_work' && (
        <Alert color="blue" variant="light" title="No delivering work is linked">
          {forecast.reason}
        </Alert>
      )}
      {forecast.kind === 'insufficient_data' && (
        <Alert color="yellow" variant="light" title="Not enough history to forecast">
          {forecast.reason} (sample {formatCount(forecast.sampleSize)}, needs{' '}
          {formatCount(forecast.required)})
        </Alert>
      )}
      {forecast.kind === 'forecast' && (
        <>
          <Table verticalSpacing={4} data-testid="forecast-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Level</Table.Th>
                <Table.Th scope="col">Done by</Table.Th>
                {calibration && <CalibrationHeads />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {forecast.confidence
                .filter((c) => SHOWN.includes(c.level))
                .map((c) => (
                  <Table.Tr key={c.level}>
                    <Table.Td fw={600}>{Math.round(c.level * 100)}%</Table.Td>
                    <Table.Td>
                      {formatDate(c.date)}
                      <Text span size="xs" c="dimmed">
                        {` · in ${formatDays(c.days)} d`}
                      </Text>
                    </Table.Td>
                    {calibration && (
                      <CalibrationCells level={byLevel.get(c.level)} testIdPrefix="item-" />
                    )}
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed" mt="xs">
            {forecastBasis(forecast)}{' '}
            {calibration
              ? forecast.kind === 'forecast' && forecast.basis === 'not_started'
                ? `The queue ahead of it is calibrated: ${calibrationNote(calibration)} The flow time after its start is not adjusted.`
                : calibrationNote(calibration)
              : 'Each delivering item is drawn from its own calibrated forecast.'}
          </Text>
          {forecast.rollUp && <RollUpList rollUp={forecast.rollUp} />}
          <ForecastWarnings warnings={forecast.warnings} />
        </>
      )}
    </Card>
  )
}
