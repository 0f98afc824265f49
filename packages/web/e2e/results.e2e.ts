import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { readFile } from 'node:fs/promises'
import type {
  BusinessResultsResponse,
  ResultCorrelationsResponse,
  ResultStatusListResponse,
} from '../src/api/types'
import { correlationWords, strongestHolding } from '../src/charts/correlation-rows'
import { formatResultValue } from '../src/format/numbers'
import type { E2eTest } from './e2e-harness'
import { BASE_URL, api, axeViolations, openPage, settle, chartSeriesOf } from './e2e-harness'

interface SeriesOption {
  name?: string
  lineStyle?: { type?: string }
  data?: [string, number][]
}

/** The series of the chart whose figure is titled `title`. */
const chartSeries = (page: Page, title: string) => chartSeriesOf<SeriesOption>(page, title)

/** A demo stream whose first result (the one the chart shows first) is off target. */
async function offTargetFirstSeries() {
  const { results } = await api<ResultStatusListResponse>('/api/v1/business-results/status')
  for (const stream of new Set(results.map((r) => r.stream))) {
    const data = await api<BusinessResultsResponse>(
      `/api/v1/business-results?stream=${encodeURIComponent(stream)}`,
    )
    const first = data.series[0]
    if (first?.status === 'off_target') return { stream, series: first }
  }
  throw new Error('no demo stream shows an off-target result first')
}

const portfolioWarning: E2eTest = {
  name: 'the portfolio lists business results off target among its warnings',
  run: async (browser) => {
    const { results } = await api<ResultStatusListResponse>('/api/v1/business-results/status')
    const off = results.find((r) => r.status === 'off_target')
    assert.ok(off, 'the demo has a result off target')
    const { page, problems, close } = await openPage(browser)
    try {
      await page.goto(`${BASE_URL}/`)
      await settle(page)
      const alert = page
        .getByRole('alert')
        .filter({ hasText: 'Business result off target' })
        .filter({
          hasText: `${off.stream}: ${off.metric} was ${formatResultValue(off.latest?.value)} `,
        })
      assert.equal(await alert.count(), 1, `a warning for ${off.stream} ${off.metric}`)
      assert.deepEqual(problems, [])
    } finally {
      await close()
    }
  },
}

const targetLine: E2eTest = {
  name: 'the value stream page draws a result with its unit and dashed target, and adds a point',
  run: async (browser) => {
    const { stream, series } = await offTargetFirstSeries()
    const definition = series.definition
    assert.ok(definition?.target != null)
    const { page, problems, close } = await openPage(browser)
    try {
      await page.addInitScript(() => {
        ;(window as unknown as { __openvmoCharts: unknown[] }).__openvmoCharts = []
      })
      await page.goto(`${BASE_URL}/stream?stream=${encodeURIComponent(stream)}&period=month`)
      await settle(page)
      const drawn = await chartSeries(page, 'Business results beside flow')
      const target = drawn.find((s) => s.name === 'target')
      assert.equal(target?.lineStyle?.type, 'dashed', 'the target is a dashed line')
      assert.deepEqual(
        target?.data?.map(([, value]) => value),
        [definition.target, definition.target],
      )
      assert.equal(target?.data?.[1]?.[0], definition.targetDate, 'it ends at the target date')
      const figure = page.locator('figure').filter({ hasText: 'Business results beside flow' })
      assert.equal(await figure.locator('[data-status="off_target"]').innerText(), 'OFF TARGET')
      const form = page.getByRole('form', { name: 'Add a business result' })
      await form.getByLabel('Date').fill('2019-01-07')
      await form.getByLabel(`Value (${definition.unit})`).fill('5')
      await form.getByRole('button', { name: 'Add point' }).click()
      await form.getByRole('status').waitFor()
      const after = await api<BusinessResultsResponse>(
        `/api/v1/business-results?stream=${encodeURIComponent(stream)}`,
      )
      const saved = after.series.find((s) => s.metric === series.metric)?.points[0]
      assert.deepEqual(saved, { date: '2019-01-07', value: 5 })
      assert.deepEqual(await axeViolations(page), [])
      assert.deepEqual(problems, [])
    } finally {
      await close()
    }
  },
}

/** Business results with targets on the portfolio and the value stream page. */
/**
 * Flow ↔ results on the stream page, monthly over two years of the demo: the pairs that hold are
 * the API's, in words, and the matrix exports one CSV row per metric and result.
 */
const correlations: E2eTest = {
  name: 'the stream page relates flow metrics to business results as the API does',
  run: async (browser) => {
    const { results } = await api<ResultStatusListResponse>('/api/v1/business-results/status')
    const stream = results[0]?.stream ?? ''
    const now = new Date()
    const to = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-01`
    const from = `${now.getUTCFullYear() - 2}${to.slice(4)}`
    const query = `stream=${encodeURIComponent(stream)}&period=month&from=${from}&to=${to}`
    const data = await api<ResultCorrelationsResponse>(
      `/api/v1/business-results/correlations?${query}`,
    )
    const { page, problems, close } = await openPage(browser)
    try {
      await page.goto(`${BASE_URL}/stream?${query}`)
      const findings = page.getByTestId('correlation-findings')
      await findings.waitFor()
      await settle(page)
      const labelOf = (name: string) => data.metrics.find((m) => m.name === name)?.label ?? name
      const expected = strongestHolding(data).map((c) =>
        correlationWords(c, { metricLabel: labelOf(c.metric), period: data.period }),
      )
      if (expected.length > 0) {
        assert.deepEqual(await findings.locator('li').allInnerTexts(), expected)
      } else {
        // the demo's series move on their own: some ranges have no pair that holds
        assert.match(await findings.innerText(), new RegExp(`${data.tried} pairs tried`))
      }
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export Flow and business results as CSV' }).click(),
      ])
      const text = await readFile((await csv.path()) ?? '', 'utf8')
      const rows = text
        .trim()
        .split('\r\n')
        .filter((l) => !l.startsWith('#'))
      assert.equal(rows.length, data.correlations.length + 1)
      assert.deepEqual(await axeViolations(page), [], 'accessibility violations on the stream page')
      assert.deepEqual(problems, [])
    } finally {
      await close()
    }
  },
}

export const resultTests: E2eTest[] = [correlations, portfolioWarning, targetLine]
