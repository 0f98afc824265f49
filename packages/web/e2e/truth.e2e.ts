import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import type {
  FlowMetricsReportResponse,
  PortfolioResponse,
  ValueStreamListResponse,
} from '../src/api/types'
import { MISSING, formatCount } from '../src/format/numbers'
import { coveredPeriodLabel, streamCards } from '../src/pages/value-stream/stream-cards'
import { periodLabel } from '../src/charts/chart-common'
import { PARTIAL_NOTE } from '../src/charts/partial-period'
import type { E2eTest } from './e2e-harness'
import { BASE_URL, api, openPage, screenshot, settle, texts } from './e2e-harness'

interface ChartOption {
  title?: unknown
  xAxis?: { data?: unknown[] }[]
  yAxis?: { min?: unknown }[]
  series?: { name?: string; lineStyle?: { type?: string }; data?: unknown[] }[]
}

/** Opens `path` with every chart recorded in `window.__openvmoCharts`, and waits for the data. */
async function openWithCharts(page: Page, path: string) {
  await page.addInitScript(() => {
    ;(window as unknown as { __openvmoCharts: unknown[] }).__openvmoCharts = []
  })
  await page.goto(`${BASE_URL}${path}`)
  await settle(page)
}

/** The option of the chart whose figure is titled `title`. */
async function chartOption(page: Page, title: string): Promise<ChartOption> {
  return page.evaluate((title) => {
    type Chart = { isDisposed(): boolean; getDom(): HTMLElement; getOption(): unknown }
    const charts = (window as unknown as { __openvmoCharts: Chart[] }).__openvmoCharts
    const chart = charts
      .filter((c) => !c.isDisposed())
      .find((c) => c.getDom().closest('figure')?.querySelector('h3')?.textContent === title)
    return JSON.parse(JSON.stringify(chart?.getOption() ?? {})) as never
  }, title)
}

/** The tooltip text a chart shows for the category at `dataIndex`. */
async function tooltipAt(
  page: Page,
  title: string,
  at: { dataIndex: number; seriesIndex?: number },
): Promise<string> {
  return page.evaluate(
    async ({ title, dataIndex, seriesIndex }) => {
      type Chart = {
        isDisposed(): boolean
        getDom(): HTMLElement
        dispatchAction(action: unknown): void
      }
      const charts = (window as unknown as { __openvmoCharts: Chart[] }).__openvmoCharts
      const chart = charts
        .filter((c) => !c.isDisposed())
        .find((c) => c.getDom().closest('figure')?.querySelector('h3')?.textContent === title)
      if (!chart) return ''
      chart.getDom().scrollIntoView({ block: 'center' })
      chart.dispatchAction({ type: 'showTip', seriesIndex, dataIndex })
      await new Promise((resolve) => setTimeout(resolve, 200))
      return chart.getDom().innerText
    },
    { title, dataIndex: at.dataIndex, seriesIndex: at.seriesIndex ?? 0 },
  )
}

const partialPortfolio: E2eTest = {
  name: 'the portfolio marks the partial quarter and heads its table with the last full one',
  run: async (browser) => {
    const data = await api<PortfolioResponse>('/api/v1/portfolio?period=quarter')
    const trend = data.streams[0]?.trend ?? []
    const partial = trend.findIndex((p) => p.partial)
    assert.ok(partial >= 0, 'the demo range ends in the current, partial quarter')
    const last = data.streams[0]?.lastPeriod
    assert.ok(last && !last.partial)
    const { page, close } = await openPage(browser)
    try {
      await openWithCharts(page, '/?period=quarter')
      await page
        .getByRole('heading', {
          name: `Value streams — last full quarter: ${periodLabel(last.start, 'quarter')}`,
        })
        .waitFor()
      const [note] = await texts(page, 'portfolio-coverage')
      assert.match(note ?? '', /partial/)
      const option = await chartOption(page, 'Flow Velocity by value stream')
      const labels = option.xAxis?.[0]?.data ?? []
      assert.match(String(labels[partial]), /\(to date\)$/)
      const dashed = (option.series ?? []).filter((s) => s.lineStyle?.type === 'dashed')
      assert.equal(dashed.length, data.streams.length, 'one dashed end per stream')
      // The second series is the first stream's dashed end, which holds the partial point.
      const tip = await tooltipAt(page, 'Flow Velocity by value stream', {
        dataIndex: partial,
        seriesIndex: 1,
      })
      assert.ok(tip.includes(PARTIAL_NOTE), `the tooltip says "${PARTIAL_NOTE}": ${tip}`)
      const fullTip = await tooltipAt(page, 'Flow Velocity by value stream', {
        dataIndex: partial - 1,
      })
      assert.ok(!fullTip.includes(PARTIAL_NOTE), 'a full period carries no partial note')
    } finally {
      await close()
    }
  },
}

const partialStream: E2eTest = {
  name: 'the value stream page says which month its cards cover and fades the partial month',
  run: async (browser) => {
    const data = await api<PortfolioResponse>('/api/v1/portfolio?period=month')
    const stream = data.streams[0]?.name ?? ''
    const query = `stream=${encodeURIComponent(stream)}&period=month`
    const report = await api<FlowMetricsReportResponse>(`/api/v1/metrics?${query}`)
    const partial = report.periods.findIndex((p) => p.partial)
    assert.ok(partial >= 0, 'the demo range ends in the current, partial month')
    const { page, close } = await openPage(browser)
    try {
      await openWithCharts(page, `/stream?${query}`)
      const covers = await texts(page, 'metric-covers')
      assert.equal(covers.length, 5)
      for (const text of covers) assert.equal(text, coveredPeriodLabel(report))
      assert.match(covers[0] ?? '', /last full month/)
      const option = await chartOption(page, 'Flow Velocity by type')
      const bar = option.series?.[0]?.data?.[partial] as { itemStyle?: { borderType?: string } }
      assert.equal(bar?.itemStyle?.borderType, 'dashed', 'the partial month is drawn dashed')
      const tip = await tooltipAt(page, 'Flow Velocity by type', { dataIndex: partial })
      assert.ok(tip.includes(PARTIAL_NOTE), tip)
      const business = await chartOption(page, 'Business results beside flow')
      assert.equal(business.yAxis?.[0]?.min, 0, 'a business result axis starts at zero')
      await screenshot(page, 'value-stream-month')
    } finally {
      await close()
    }
  },
}

/** The API requests a page makes to `route` (path and query), recorded from now on. */
function recordRequests(page: Page, route: string): URL[] {
  const seen: URL[] = []
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.pathname === route) seen.push(url)
  })
  return seen
}

const filtersNarrow: E2eTest = {
  name: 'every offered filter reaches the API query and changes the figures shown',
  run: async (browser) => {
    const { valueStreams } = await api<ValueStreamListResponse>('/api/v1/value-streams')
    const stream = valueStreams.find((s) => s.teams.length > 0)
    assert.ok(stream, 'a demo stream has teams')
    const team = stream.teams[0] ?? ''
    const { page, close } = await openPage(browser)
    try {
      // Portfolio: the team narrows every stream's figures, in the query and on screen.
      const portfolioCalls = recordRequests(page, '/api/v1/portfolio')
      await page.goto(`${BASE_URL}/?team=${encodeURIComponent(team)}`)
      await settle(page)
      assert.ok(portfolioCalls.some((u) => u.searchParams.get('team') === team))
      const narrowed = await api<PortfolioResponse>(
        `/api/v1/portfolio?period=week&team=${encodeURIComponent(team)}`,
      )
      const all = await api<PortfolioResponse>('/api/v1/portfolio?period=week')
      const shown = await texts(page, 'portfolio-figure')
      const velocities = (p: PortfolioResponse) =>
        p.streams.map((s) => formatCount(s.lastPeriod?.velocity.total))
      assert.deepEqual(
        shown.filter((_, i) => i % 4 === 0),
        velocities(narrowed),
      )
      assert.notDeepEqual(velocities(narrowed), velocities(all), 'the team changes the figures')

      // The team picker offers only the teams of the chosen stream.
      await page.goto(`${BASE_URL}/?stream=${encodeURIComponent(stream.name)}`)
      await settle(page)
      assert.deepEqual(await texts(page, 'portfolio-stream'), [stream.name])
      await page.getByRole('textbox', { name: 'Team' }).click()
      const offered = await page.getByRole('option').allInnerTexts()
      assert.deepEqual([...offered].sort(), [...stream.teams].sort())
      await page.keyboard.press('Escape')

      // Stream page: the type narrows the cards, in the query and on screen.
      const metricsCalls = recordRequests(page, '/api/v1/metrics')
      const timesCalls = recordRequests(page, '/api/v1/flow/flow-times')
      const query = `stream=${encodeURIComponent(stream.name)}&type=defect`
      await page.goto(`${BASE_URL}/stream?${query}`)
      await settle(page)
      assert.ok(metricsCalls.some((u) => u.searchParams.get('type') === 'defect'))
      assert.ok(timesCalls.some((u) => u.searchParams.get('type') === 'defect'))
      const report = await api<FlowMetricsReportResponse>(`/api/v1/metrics?${query}&period=week`)
      const cards = streamCards(report).map((c) => (c.value === null ? MISSING : c.format(c.value)))
      assert.deepEqual(await texts(page, 'metric-value'), cards)
      const allTypes = await api<FlowMetricsReportResponse>(
        `/api/v1/metrics?stream=${encodeURIComponent(stream.name)}&period=week`,
      )
      assert.notEqual(report.total.velocity.total, allTypes.total.velocity.total)

      // Flow analysis: the type reaches time in state and aging alike.
      const tisCalls = recordRequests(page, '/api/v1/flow/time-in-state')
      const agingCalls = recordRequests(page, '/api/v1/flow/aging')
      await page.goto(`${BASE_URL}/flow?type=feature`)
      await settle(page)
      for (const calls of [tisCalls, agingCalls])
        assert.ok(calls.some((u) => u.searchParams.get('type') === 'feature'))
      await screenshot(page, 'flow-analysis-feature')
    } finally {
      await close()
    }
  },
}

const offTarget: E2eTest = {
  name: 'the portfolio warns of a distribution off target and links to the items behind it',
  run: async (browser) => {
    const data = await api<PortfolioResponse>('/api/v1/portfolio?period=week')
    const stream = data.streams.find((s) =>
      s.warnings.some((w) => w.code === 'DISTRIBUTION_OFF_TARGET'),
    )
    const warning = stream?.warnings.find((w) => w.code === 'DISTRIBUTION_OFF_TARGET')
    assert.ok(stream && warning?.type, 'a demo stream is off its distribution target')
    const { page, close } = await openPage(browser)
    try {
      await page.goto(`${BASE_URL}/`)
      await settle(page)
      await page.getByText(`${stream.name}: ${warning.message}`).waitFor()
      const metricsCalls = recordRequests(page, '/api/v1/metrics')
      await page
        .getByRole('link', { name: `See the ${warning.type} items` })
        .first()
        .click()
      await settle(page)
      const url = new URL(page.url())
      assert.equal(url.pathname, '/stream')
      assert.equal(url.searchParams.get('type'), warning.type)
      assert.ok(metricsCalls.some((u) => u.searchParams.get('type') === warning.type))
    } finally {
      await close()
    }
  },
}

/** Texts cut off with an ellipsis: elements whose text overflows a box that hides it with "…". */
export function clippedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => {
        const style = getComputedStyle(el)
        return (
          style.textOverflow === 'ellipsis' &&
          el.scrollWidth > el.clientWidth + 1 &&
          el.offsetParent !== null &&
          !el.closest('[data-combobox], .mantine-Pill-root, .mantine-PillsInput-root')
        )
      })
      .map((el) => (el.textContent ?? '').trim())
      .filter((text) => text.length > 0),
  )
}

const noClippedText: E2eTest = {
  name: 'no text is cut off at 1440 and 390 px, and a table wider than the screen says so',
  run: async (browser) => {
    const { page, close } = await openPage(browser)
    try {
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 })
        for (const path of ['/?period=year', '/?period=quarter', '/stream?stream=Payments']) {
          await page.goto(`${BASE_URL}${path}`)
          await settle(page)
          assert.deepEqual(await clippedTexts(page), [], `clipped text on ${path} at ${width} px`)
        }
      }
      await page.goto(`${BASE_URL}/`)
      await settle(page)
      await page.getByTestId('scroll-cue').waitFor()
      await screenshot(page, 'portfolio-390')
    } finally {
      await close()
    }
  },
}

const asOfControl: E2eTest = {
  name: 'the as-of date in the filters reaches the API and the figures',
  run: async (browser) => {
    const { page, close } = await openPage(browser)
    try {
      const calls = recordRequests(page, '/api/v1/portfolio')
      await page.goto(`${BASE_URL}/?period=month`)
      await settle(page)
      await page.getByRole('textbox', { name: 'As of (end of day, UTC)' }).fill('2026-06-30')
      await settle(page)
      assert.equal(new URL(page.url()).searchParams.get('asOf'), '2026-06-30')
      assert.ok(calls.some((u) => u.searchParams.get('asOf') === '2026-06-30T23:59:59Z'))
      const data = await api<PortfolioResponse>(
        '/api/v1/portfolio?period=month&asOf=2026-06-30T23:59:59Z',
      )
      await page.getByText(/as of 2026-06-30T23:59:59Z/).waitFor()
      const velocities = data.streams.map((s) => formatCount(s.lastPeriod?.velocity.total))
      const shown = await texts(page, 'portfolio-figure')
      assert.deepEqual(
        shown.filter((_, i) => i % 4 === 0),
        velocities,
      )
    } finally {
      await close()
    }
  },
}

/** The tests of issue #10: the dashboard never misleads. */
export const truthTests: E2eTest[] = [
  partialPortfolio,
  partialStream,
  filtersNarrow,
  offTarget,
  noClippedText,
  asOfControl,
]
