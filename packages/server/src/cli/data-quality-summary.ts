import { computeDataQuality, selectItems } from '@openvmo/core'
import type { DataQualityReport, FlowInput } from '@openvmo/core'
import type { CliIo } from './cli-io'

/** How many item keys each finding shows as examples. */
const EXAMPLES = 3

/** The data-quality report of every mapped item of `input`, with every item listed. */
export function dataQualityOf(input: FlowInput): DataQualityReport {
  return computeDataQuality(input, selectItems(input.dataset, input.mapping), Infinity)
}

/**
 * Writes the summary of `report`: items checked and with findings, then per finding its count,
 * the first item keys and what it does to the metrics (its rule).
 */
export function writeDataQualitySummary(report: DataQualityReport, io: CliIo): void {
  io.stdout(
    `data quality: ${report.itemsWithFindings} of ${report.itemsChecked} items have findings\n`,
  )
  for (const finding of report.findings) {
    const examples = report.items
      .filter((item) => item.flags.includes(finding.flag))
      .slice(0, EXAMPLES)
      .map((item) => `${item.source}:${item.key}`)
    const more = finding.items > examples.length ? ', …' : ''
    io.stdout(
      `  ${finding.flag}: ${finding.items} items (e.g. ${examples.join(', ')}${more}): ${finding.rule}\n`,
    )
  }
}

/** The end of an import: the summary of the stored findings (refreshStoredFindings), or how to get one. */
export function writeImportQualitySummary(report: DataQualityReport | undefined, io: CliIo): void {
  if (report) return writeDataQualitySummary(report, io)
  io.stdout(
    'data quality: save a mapping (vmo map suggest, then vmo map save) to see the findings (vmo validate --db lists them)\n',
  )
}
