import { Table } from '@mantine/core'
import type { WhenResponse } from '../api/types'
import { answeredAt } from '../format/calibration'
import { formatPercent } from '../format/numbers'

type CalibratedLevel = WhenResponse['calibration']['levels'][number]

/** The column heads of a forecast's calibration: how often each level came true, its quantile. */
export function CalibrationHeads() {
  return (
    <>
      <Table.Th
        scope="col"
        ta="right"
        title="How often the uncalibrated answer at this level came true in past forecasts"
      >
        Came true
      </Table.Th>
      <Table.Th
        scope="col"
        ta="right"
        title="The quantile of the forecast's distribution that answers this level after calibration"
      >
        Quantile
      </Table.Th>
    </>
  )
}

/** One level's calibration cells; test ids `${testIdPrefix}calibration-hit-rate` and `-level`. */
export function CalibrationCells(props: {
  level: CalibratedLevel | undefined
  testIdPrefix: string
}) {
  return (
    <>
      <Table.Td ta="right" data-testid={`${props.testIdPrefix}calibration-hit-rate`}>
        {formatPercent(props.level?.hitRate)}
      </Table.Td>
      <Table.Td ta="right" data-testid={`${props.testIdPrefix}calibration-level`}>
        {answeredAt(props.level?.adjustedLevel)}
      </Table.Td>
    </>
  )
}
