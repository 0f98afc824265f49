import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Command } from 'commander'
import { dateOfInstant, VmoError } from '@openvmo/core'
import type { CliIo } from '../cli-io'
import { addFlowInputOptions } from '../flow-input-options'
import type { FlowInputOptions } from '../flow-input-options'
import { loadFlowInput } from '../load-flow-input'
import { addDays, addRangeOptions, resolveRange } from '../range-options'
import type { RangeOptions } from '../range-options'
import { csvText, jsonText } from '../render/output-format'
import { reportSkipped } from '../report-skipped'
import { computeReport, reportFiles } from '../report/report-data'
import { reportHtml } from '../report/report-html'
import { startForecastThread } from '../report/report-forecasts'
import type { ReportForecaster } from '../report/report-forecasts'
import { positiveInt } from '../number-options'

type ReportOptions = FlowInputOptions &
  RangeOptions & { out: string; charts: boolean; items?: string; date?: string }

/** The files of the report, by name, as text; index.html with the charts unless --no-charts. */
async function reportTexts(
  options: ReportOptions,
  io: CliIo,
  forecaster: ReportForecaster,
): Promise<[string, string][]> {
  const input = await loadFlowInput(options, io)
  reportSkipped(io, input.skipped)
  const zone = input.config.timezone
  const asOfMs = input.timelines.asOfMs
  const { period, ...range } = resolveRange(options, asOfMs, zone)
  if (period === 'custom') {
    throw new VmoError(
      'INVALID_INPUT',
      '--period custom has no periods to chart: use day, week, month, quarter or year',
    )
  }
  const report = await computeReport(
    input,
    { ...range, period, zone, asOfMs },
    {
      whenItems: positiveInt(options.items, 'items', 100),
      howManyDate: options.date ?? addDays(dateOfInstant(asOfMs, zone), 28),
      forecaster,
    },
  )
  const texts: [string, string][] = reportFiles(report).flatMap(({ name, json, csv }) => [
    ...(json === undefined ? [] : [[`${name}.json`, jsonText(json)] as [string, string]]),
    ...(csv === undefined ? [] : [[`${name}.csv`, csvText(csv)] as [string, string]]),
  ])
  if (options.charts) {
    // ECharts is loaded only to draw.
    const { renderSvg } = await import('../report/svg-charts')
    const names = texts.map(([name]) => name)
    texts.unshift(['index.html', reportHtml(report, names, renderSvg)])
  }
  return texts
}

/** `vmo report`: the whole analysis of a scope as files (JSON, CSV and an HTML page of charts). */
export function registerReportCommand(program: Command, io: CliIo): void {
  const command = program
    .command('report')
    .description(
      'write the whole analysis to a folder: Flow Metrics, CFD, time in state, aging, flow times, throughput, forecasts, data quality (JSON, CSV) and index.html with the charts',
    )
    .requiredOption('--out <dir>', 'folder to write (created if needed; its files are replaced)')
    .option('--no-charts', 'write the data files only (no index.html)')
    .option('--items <n>', 'the "when will N items be done" forecast', '100')
    .option(
      '--date <date>',
      'the "how many by" forecast date; default 4 weeks after the as-of date',
    )
  addRangeOptions(addFlowInputOptions(command)).action(async (options: ReportOptions) => {
    // Everything is computed before the first file is written: a failure leaves no partial report.
    // The forecasts' thread starts first, to load while the history is read.
    const thread = startForecastThread()
    const texts = await reportTexts(options, io, thread.forecast).finally(thread.close)
    await mkdir(options.out, { recursive: true }).catch((cause: unknown) => {
      throw new VmoError('INVALID_INPUT', `--out "${options.out}" cannot be created`, { cause })
    })
    await Promise.all(texts.map(([name, text]) => writeFile(join(options.out, name), text)))
    const first = options.charts ? join(options.out, 'index.html') : options.out
    io.stdout(`wrote ${texts.length} files to ${options.out} (open ${first})\n`)
  })
}
