import type { Command } from 'commander'
import { computeFlowMetricsReport, metricsReportToRows } from '@openvmo/core'
import type { CliIo } from '../cli-io'
import { addFlowInputOptions } from '../flow-input-options'
import type { FlowInputOptions } from '../flow-input-options'
import { loadFlowInput } from '../load-flow-input'
import { addRangeOptions, resolveRange } from '../range-options'
import type { RangeOptions } from '../range-options'
import { outputFormatOf, printCsv, printJson } from '../render/output-format'
import { reportSkipped } from '../report-skipped'

type MetricsOptions = FlowInputOptions & RangeOptions & { json?: boolean; csv?: boolean }

/** `vmo metrics`: the five Flow Metrics per period (docs/metrics.md ("The metrics JSON") with --json). */
export function registerMetricsCommand(program: Command, io: CliIo): void {
  const command = program
    .command('metrics')
    .description('the five Flow Metrics per period, with lead time, canceled and reopened counts')
    .option('--json', 'print JSON (documented in docs/metrics.md, "The metrics JSON")')
    .option('--csv', 'print CSV, one row per period')
  addRangeOptions(addFlowInputOptions(command)).action(async (options: MetricsOptions) => {
    const input = await loadFlowInput(options, io)
    reportSkipped(io, input.skipped)
    const range = resolveRange(options, input.timelines.asOfMs, input.config.timezone)
    const report = computeFlowMetricsReport(input, range)
    const format = outputFormatOf(options)
    if (format === 'json') printJson(io, report)
    else if (format === 'csv') printCsv(io, metricsReportToRows(report))
    else {
      // the table renderer (and cli-table3) only for a table
      const { renderMetricsTable } = await import('../render/metrics-table')
      io.stdout(renderMetricsTable(report))
    }
  })
}
