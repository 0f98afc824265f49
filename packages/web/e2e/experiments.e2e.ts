import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import type { ExperimentReportResponse } from '../src/api/types'
import type { E2eTest } from './e2e-harness'
import {
  BASE_URL,
  api,
  axeViolations,
  openPage,
  screenshot,
  settle,
  chartSeriesOf,
} from './e2e-harness'

const WIP_LIMIT = 'payments-wip-limit'

interface MarkLineOption {
  markLine?: { data?: { name?: string; xAxis?: string }[] }
}

/** The series of the chart whose figure is titled `title`. */
const chartSeries = (page: Page, title: string) => chartSeriesOf<MarkLineOption>(page, title)

const markNames = (series: MarkLineOption[]) =>
  series.flatMap((s) => s.markLine?.data ?? []).map((d) => d.name)

const reportPage: E2eTest = {
  name: "the WIP-limit experiment's report shows its verdict, charts and a self-contained HTML export",
  run: async (browser) => {
    const report = await api<ExperimentReportResponse>(`/api/v1/experiments/${WIP_LIMIT}/report`)
    assert.equal(report.verdict, 'supported', 'the demo WIP limit is supported')
    const { page, problems, close } = await openPage(browser)
    try {
      await page.addInitScript(() => {
        ;(window as unknown as { __openvmoCharts: unknown[] }).__openvmoCharts = []
      })
      await page.goto(`${BASE_URL}/experiments/${WIP_LIMIT}`)
      await settle(page)
      assert.equal(
        await page.getByRole('heading', { level: 2 }).first().innerText(),
        report.definition.name,
      )
      assert.equal(await page.getByTestId('experiment-verdict').innerText(), 'SUPPORTED')
      const reasons = await page.getByRole('list', { name: 'Reasons' }).innerText()
      assert.ok(reasons.includes('flow_time_p85 changed'), reasons)
      const timeline = await chartSeries(page, 'Weekly flow time, the change marked')
      assert.deepEqual(markNames(timeline), [`change ${report.definition.changeDate}`])
      assert.equal((await chartSeries(page, 'Flow time before and after')).length, 2)
      const table = await page.getByRole('table', { name: 'Before and after' }).innerText()
      assert.ok(table.includes('flow_time_p85') && table.includes('effect (95% interval)'), table)
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download HTML report' }).click(),
      ])
      const html = await readFile((await download.path()) ?? '', 'utf8')
      assert.equal(download.suggestedFilename(), `experiment-${WIP_LIMIT}.html`)
      assert.equal(html.match(/<svg/g)?.length, 2, 'both charts as inline SVG')
      assert.ok(html.includes('Supported') && html.includes(report.definition.hypothesis))
      assert.ok(!/<script|<link|src="http/.test(html), 'nothing loaded from elsewhere')
      await screenshot(page, 'experiment-report')
      assert.deepEqual(await axeViolations(page), [])
      await page.setViewportSize({ width: 390, height: 844 })
      await settle(page)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(overflow <= 390, `the page is ${overflow} px wide at 390 px`)
      await screenshot(page, 'experiment-report-390')
      assert.deepEqual(problems, [])
    } finally {
      await close()
    }
  },
}

const streamMarkers: E2eTest = {
  name: 'the value stream page marks the WIP limit on its throughput and flow time charts, and lists it under Experiments',
  run: async (browser) => {
    const report = await api<ExperimentReportResponse>(`/api/v1/experiments/${WIP_LIMIT}/report`)
    const { before, after } = report.windows
    const { page, problems, close } = await openPage(browser)
    try {
      await page.addInitScript(() => {
        ;(window as unknown as { __openvmoCharts: unknown[] }).__openvmoCharts = []
      })
      await page.goto(
        `${BASE_URL}/stream?stream=Payments&period=month&from=${before.from}&to=${after.to}`,
      )
      await settle(page)
      const name = report.definition.name
      assert.ok(markNames(await chartSeries(page, 'Flow Velocity by type')).includes(name))
      assert.ok(markNames(await chartSeries(page, 'Flow time scatterplot')).includes(name))
      await page.goto(`${BASE_URL}/experiments?stream=Payments`)
      await settle(page)
      const link = page.getByRole('table', { name: 'Experiments' }).getByRole('link', { name })
      await link.click()
      await page.waitForURL(`**/experiments/${WIP_LIMIT}`)
      assert.deepEqual(problems, [])
    } finally {
      await close()
    }
  },
}

/** Experiments: the report page with its export, and process changes marked on the stream page. */
export const experimentTests: E2eTest[] = [reportPage, streamMarkers]
