import { useState } from 'react'
import { Alert, Card, Group, NumberInput, Table, Text, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useWhenForecastQuery } from '../../api/queries/use-forecast-queries'
import type { ScopeParams } from '../../api/scope-query'
import type { WhenResponse } from '../../api/types'
import { LoadingPanel } from '../../components/LoadingPanel'
import { calibrationNote } from '../../format/calibration'
import { CalibrationCells, CalibrationHeads } from '../../components/CalibrationColumns'
import { ForecastWarnings } from '../items/RollUpList'
import { formatCount, formatDate, formatDays, formatPercent } from '../../format/numbers'

function Forecast(props: { data: WhenResponse }) {
  const { forecast, backtest, calibration } = props.data
  const byLevel = new Map(calibration.levels.map((l) => [l.level, l]))
  if (forecast.kind === 'insufficient_data') {
    return (
      <Alert color="yellow" variant="light" title="Not enough history to forecast">
        {forecast.reason} (sample {formatCount(forecast.sampleSize)}, needs{' '}
        {formatCount(forecast.required)})
      </Alert>
    )
  }
  return (
    <>
      <Table verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Level</Table.Th>
            <Table.Th scope="col">Done by</Table.Th>
            <CalibrationHeads />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {forecast.confidence.map((c) => (
            <Table.Tr key={c.level}>
              <Table.Td fw={600}>{Math.round(c.level * 100)}%</Table.Td>
              <Table.Td>
                {formatDate(c.date)}
                <Text span size="xs" c="dimmed">
                  {` · ${formatDays(c.days)} d`}
                </Text>
              </Table.Td>
              <CalibrationCells level={byLevel.get(c.level)} testIdPrefix="" />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="xs">
        Monte Carlo over {formatCount(forecast.trials)} trials, sampling daily throughput of{' '}
        {formatCount(forecast.sample.days)} days ({formatCount(forecast.sample.completions)}{' '}
        completions, {formatDate(forecast.sample.from)} – {formatDate(forecast.sample.to)}).
        {` ${calibrationNote(calibration)}`}
        {backtest.hitRate !== null &&
          ` Backtest: the 85% date held in ${formatPercent(backtest.hitRate)} of ${formatCount(backtest.evaluated)} past forecasts.`}
      </Text>
      <ForecastWarnings warnings={props.data.warnings} />
    </>
  )
}

/** "When will the next N items be done?" for the stream: dates at 50/70/85/95% and their basis. */
export function WhenForecastCard(props: { scope: ScopeParams }) {
  const [items, setItems] = useState<number>(10)
  const [debounced] = useDebouncedValue(items, 300)
  const query = useWhenForecastQuery(props.scope, debounced)
  return (
    <Card withBorder radius="md" padding="md" h="100%">
      <Group justify="space-between" align="flex-end" mb="xs">
        <Title order={3} size="h5">
          When will the next items be done?
        </Title>
        <NumberInput
          size="xs"
          w={110}
          label="Items"
          min={1}
          max={10000}
          value={items}
          onChange={(v) => setItems(typeof v === 'number' ? v : Number(v) || 1)}
        />
      </Group>
      <LoadingPanel {...query} height={160}>
        {query.data && <Forecast data={query.data} />}
      </LoadingPanel>
    </Card>
  )
}
