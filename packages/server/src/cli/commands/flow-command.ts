import type { Command } from 'commander'
import {
  computeAgingWip,
  computeCumulativeFlow,
  computeFlowTime,
  computeTimeInState,
  dayBoundaries,
  formatInZone,
  indexCompletions,
  periodBoundaries,
  selectScope,
} from '@openvmo/core'
import type { CsvCell } from '@openvmo/core'
import type { CliIo } from '../cli-io'
import { addFlowInputOptions } from '../flow-input-options'
import type { FlowInputOptions } from '../flow-input-options'
import { loadFlowInput } from '../load-flow-input'
import type { LoadedFlowInput } from '../load-flow-input'
import { addRangeOptions, resolveRange } from '../range-options'
import type { RangeOptions } from '../range-options'
import { outputFormatOf, printCsv, printJson } from '../render/output-format'
import { renderAging, renderCfd, renderTimeInState } from '../render/flow-tables'
import { agingRows, timeInStateRows } from '../render/flow-csv'

type FlowOptions = FlowInputOptions & RangeOptions & { json?: boolean; csv?: boolean }

async function prepare(options: FlowOptions, io: CliIo) {
  const input = await loadFlowInput(options, io)
  const zone = input.config.timezone
  const range = resolveRange(options, input.timelines.asOfMs, zone)
  const periods = periodBoundaries(range, 'custom', zone)
  const selection = selectScope(input, range.scope)
  return { input, zone, range, periods, selection }
}

function emit(
  io: CliIo,
  options: FlowOptions,
  output: { json: unknown; csv: () => CsvCell[][]; table: () => string },
) {
  const format = outputFormatOf(options)
  if (format === 'json') printJson(io, output.json)
  else if (format === 'csv') printCsv(io, output.csv())
  else io.stdout(output.table())
}

function cfdRows(cfd: ReturnType<typeof computeCumulativeFlow>, zone: string): CsvCell[][] {
  const header = [
    'day',
    ...cfd.bands.map((b) => `${b.source}:${b.status} (${b.flowState})`),
    'partial',
  ]
  const rows: CsvCell[][] = [header]
  const last = cfd.days.length - 2
  for (let d = 0; d <= last; d++)
    rows.push([
      formatInZone(cfd.days[d] ?? NaN, zone).slice(0, 10),
      ...cfd.bands.map((b) => b.counts[d]),
      d === last && cfd.lastDayPartial,
    ])
  return rows
}

function flowTimePercentiles(
  input: LoadedFlowInput,
  selection: Uint32Array,
  periods: Float64Array,
) {
  const index = indexCompletions(input.timelines, selection, periods)
  return computeFlowTime(input.timelines, index, { first: 0, last: 1 })
}

/** `vmo flow cfd|time-in-state|aging`: the flow-analysis views. */
export function registerFlowCommand(program: Command, io: CliIo): void {
  const flow = program
    .command('flow')
    .description('flow analysis: cumulative flow, time in state, aging work in progress')
  const sub = (name: string, description: string) =>
    addRangeOptions(addFlowInputOptions(flow.command(name).description(description)), 'custom')
      .option('--json', 'print JSON')
      .option('--csv', 'print CSV')
  sub('cfd', 'items per state at the end of each day').action(async (options: FlowOptions) => {
    const { input, zone, periods, selection } = await prepare(options, io)
    const cfd = computeCumulativeFlow(
      input,
      selection,
      dayBoundaries(periods[0] ?? NaN, periods[1] ?? NaN, zone),
    )
    emit(io, options, {
      json: { ...cfd, days: Array.from(cfd.days, (d) => formatInZone(d, zone)) },
      csv: () => cfdRows(cfd, zone),
      table: () => renderCfd(cfd, zone),
    })
  })
  sub(
    'time-in-state',
    'time in each state and wait shares of the items completed in the range',
  ).action(async (options: FlowOptions) => {
    const { input, periods, selection } = await prepare(options, io)
    const result = computeTimeInState(
      input,
      indexCompletions(input.timelines, selection, periods),
      { first: 0, last: 1 },
    )
    const csv = () => timeInStateRows(result.states)
    emit(io, options, { json: result, csv, table: () => renderTimeInState(result) })
  })
  sub('aging', 'items in progress by age against the flow-time percentiles of the range').action(
    async (options: FlowOptions) => {
      const { input, periods, selection } = await prepare(options, io)
      const aging = computeAgingWip(
        input,
        selection,
        flowTimePercentiles(input, selection, periods),
      )
      const csv = () => agingRows(aging.items)
      emit(io, options, { json: aging, csv, table: () => renderAging(aging) })
    },
  )
}
