import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import type {
  AgingWipResponse,
  FlowMetricsReportResponse,
  ItemJourneyResponse,
  ItemSearchResponse,
  MappingPreviewResponse,
  PortfolioResponse,
  SourceStateListResponse,
  StatusResponse,
  TimeInStateResponse,
  ValueStreamListResponse,
  WhenResponse,
} from '../src/api/types'
import { answeredAt } from '../src/format/calibration'
import { bottleneckRows } from '../src/pages/flow/bottleneck-rows'
import { previewRows } from '../src/pages/mapping/preview-rows'
import { streamCards } from '../src/pages/value-stream/stream-cards'
import {
  MISSING,
  formatCount,
  formatDays,
  formatNumber,
  formatPercent,
} from '../src/format/numbers'
import type { E2eTest } from './e2e-harness'
import { apiDocsOffline } from './api-docs.e2e'
import { contentSecurityPolicy } from './security.e2e'
import { missingItem, searchFilters } from './item-search.e2e'
import { hostileData } from './hostile.e2e'
import { authTests } from './auth.e2e'
import { resultTests } from './results.e2e'
import { oidcTests } from './oidc.e2e'
import { forecastTests } from './forecast.e2e'
import {
  BASE_URL,
  api,
  apiPost,
  axeViolations,
  openPage,
  screenshot,
  settle,
  texts,
  visit,
} from './e2e-harness'
import { truthTests } from './truth.e2e'
import { detailTests } from './details.e2e'
import { workbenchTests } from './workbench.e2e'
import { dataQuality } from './data-quality.e2e'
import { dependencyTests } from './dependencies.e2e'

async function firstStream(): Promise<string> {
  const { valueStreams } = await api<ValueStreamListResponse>('/api/v1/value-streams')
  const stream = valueStreams[0]?.name
  assert.ok(stream, 'the demo store has at least one value stream')
  return stream
}

const portfolio: E2eTest = {
  name: 'portfolio shows every value stream with the API’s figures',
  run: (browser) =>
    visit(browser, { path: '/', shot: 'portfolio' }, async (page) => {
      const data = await api<PortfolioResponse>('/api/v1/portfolio?period=week')
      const expected = data.streams.flatMap((s) => [
        formatCount(s.lastPeriod?.velocity.total),
        formatDays(s.lastPeriod?.flowTime?.p50),
        formatPercent(s.lastPeriod?.flowEfficiency.pooled),
        formatNumber(s.lastPeriod?.flowLoad.average),
      ])
      assert.deepEqual(await texts(page, 'portfolio-figure'), expected)
      for (const s of data.streams)
        await page.getByRole('link', { name: s.name, exact: true }).waitFor()
    }),
}

const portfolioDark: E2eTest = {
  name: 'portfolio renders in the dark theme',
  run: (browser) =>
    visit(
      browser,
      { path: '/?period=quarter', shot: 'portfolio-dark', dark: true },
      async (page) => {
        const scheme = await page.evaluate(() =>
          document.documentElement.getAttribute('data-mantine-color-scheme'),
        )
        assert.equal(scheme, 'dark')
      },
    ),
}

const valueStream: E2eTest = {
  name: 'value stream cards equal the metrics API and charts export PNG and CSV',
  run: async (browser) => {
    const stream = await firstStream()
    const query = `stream=${encodeURIComponent(stream)}`
    await visit(browser, { path: `/stream?${query}`, shot: 'value-stream' }, async (page) => {
      const report = await api<FlowMetricsReportResponse>(`/api/v1/metrics?${query}&period=week`)
      const expected = streamCards(report).map((c) =>
        c.value === null ? MISSING : c.format(c.value),
      )
      assert.deepEqual(await texts(page, 'metric-value'), expected)
      // The when-forecast shows, per level, how often it came true and the calibrated quantile.
      const when = await api<WhenResponse>(`/api/v1/forecasts/when?${query}&items=10`)
      await page.getByTestId('calibration-level').first().waitFor()
      assert.deepEqual(
        await texts(page, 'calibration-hit-rate'),
        when.calibration.levels.map((l) => formatPercent(l.hitRate)),
      )
      assert.deepEqual(
        await texts(page, 'calibration-level'),
        when.calibration.levels.map((l) => answeredAt(l.adjustedLevel)),
      )
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export Flow Velocity by type as CSV' }).click(),
      ])
      const text = await readFile((await csv.path()) ?? '', 'utf8')
      assert.match(text, /^\uFEFF?# Flow Velocity by type\r\n/)
      assert.match(text, /\r\nperiod,start,end,feature,defect,risk,debt,total,partial\r\n/)
      const lines = text.trim().split('\r\n')
      assert.equal(lines.filter((l) => !l.startsWith('#')).length, report.periods.length + 1)
      const [png] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export Flow Velocity by type as PNG' }).click(),
      ])
      const bytes = await readFile((await png.path()) ?? '')
      assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG')
    })
  },
}

const flowAnalysis: E2eTest = {
  name: 'flow analysis shows the bottlenecks of the API and drills down to items',
  run: (browser) =>
    visit(browser, { path: '/flow', shot: 'flow-analysis' }, async (page) => {
      const tis = await api<TimeInStateResponse>('/api/v1/flow/time-in-state?period=week')
      const aging = await api<AgingWipResponse>('/api/v1/flow/aging?period=week')
      const rows = bottleneckRows(tis, aging)
      const first = rows[0]
      if (!first) return
      const button = page.getByRole('button', {
        name: `Show the items waiting in ${first.status} (${first.source}) now`,
      })
      await button.waitFor()
      await button.click()
      await page.getByText(`Items in “${first.status}” (${first.source}) now`).waitFor()
      await settle(page)
      const links = await page.getByRole('link', { name: /^Open .* in / }).count()
      assert.ok(links >= 0)
    }),
}

const whereIsMyThing: E2eTest = {
  name: 'search finds an item and its journey page shows where it is now',
  run: async (browser) => {
    const aging = await api<AgingWipResponse>('/api/v1/flow/aging?period=week')
    const target = aging.items[0]
    assert.ok(target, 'the demo store has work in progress')
    const hits = await api<ItemSearchResponse>(`/api/v1/items?q=${encodeURIComponent(target.key)}`)
    assert.ok(hits.total > 0)
    const { page, problems, close } = await openPage(browser)
    try {
      await page.goto(`${BASE_URL}/items`)
      await page.getByRole('searchbox', { name: 'Search items' }).fill(target.key)
      await settle(page)
      await screenshot(page, 'search')
      await page.getByRole('link', { name: target.key, exact: true }).first().click()
      await settle(page)
      const journey = await api<ItemJourneyResponse>(
        `/api/v1/items/${encodeURIComponent(target.source)}/${encodeURIComponent(target.key)}`,
      )
      const now = await page.getByTestId('where-now').innerText()
      assert.ok(
        now.includes(journey.item.status),
        `"${now}" names the status ${journey.item.status}`,
      )
      await page.getByText('Journey across linked items and tools').waitFor()
      await page.getByText('When will it be done?').waitFor()
      await screenshot(page, 'item-journey')
      assert.deepEqual(await axeViolations(page), [])
      assert.deepEqual(problems, [])
    } finally {
      await close()
    }
  },
}

const mapping: E2eTest = {
  name: 'changing a mapping shows a preview of the five metrics before saving',
  run: (browser) =>
    visit(browser, { path: '/mapping', shot: 'mapping' }, async (page) => {
      // Map the first artifact type (Bug in the demo) to another Flow Item type, then preview.
      const select = page.getByRole('textbox', { name: /^Artifact type .* maps to$/ }).first()
      const before = await select.inputValue()
      await select.click()
      await page.getByRole('option').filter({ hasNotText: before }).first().click()
      assert.notEqual(await select.inputValue(), before)
      await page.getByRole('button', { name: 'Preview' }).click()
      const panel = page.getByTestId('mapping-preview')
      await panel.waitFor({ timeout: 30_000 })
      await settle(page)
      const yaml = await page.getByLabel('Draft mapping file').textContent()
      const preview = await apiPost<MappingPreviewResponse>('/api/v1/mapping/preview', { yaml })
      const expected = previewRows(preview).map((row) => [
        row.stream,
        ...row.cells.map((c) => (c.changed ? `${c.before} → ${c.after}` : c.after)),
      ])
      const rowsOf = (table: ReturnType<typeof panel.locator>) =>
        table
          .locator('tbody tr')
          .evaluateAll((rows) =>
            rows.map((row) =>
              [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim()),
            ),
          )
      assert.deepEqual(await rowsOf(panel.locator('table').first()), expected)
      // each data-quality finding with its item count under both mappings
      const findings = await rowsOf(page.getByTestId('preview-findings'))
      assert.deepEqual(
        findings.map((row) => row[0]),
        preview.findings.map((f) => f.flag.replaceAll('_', ' ')),
      )
      assert.ok(
        expected.some((row) => row.some((cell) => cell.includes('→'))),
        'the change moves a metric',
      )
      // Nothing is saved by this test: the store stays as the other tests expect it.
    }),
}

const sources: E2eTest = {
  name: 'sources show every source of the API with its items, wide and narrow',
  run: async (browser) => {
    const { sources: list } = await api<SourceStateListResponse>('/api/v1/sources')
    assert.ok(list.length > 0, 'the demo store has sources')
    const status = await api<StatusResponse>('/api/v1/status')
    assert.deepEqual(status.syncing, [])
    await visit(browser, { path: '/sources', shot: 'sources' }, async (page) => {
      const names = await page.getByRole('heading', { level: 3 }).allInnerTexts()
      assert.deepEqual(
        names,
        list.map((s) => s.name),
      )
      const items = list.map(
        (s) => `${formatCount(s.itemCount)} ${s.itemCount === 1 ? 'item' : 'items'}`,
      )
      assert.deepEqual(await texts(page, 'source-items'), items)
      await page.setViewportSize({ width: 390, height: 844 })
      await settle(page)
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      )
      assert.equal(overflow, 0, 'nothing runs off a 390 px screen')
      assert.deepEqual(await axeViolations(page), [], 'accessibility violations at 390 px')
      await page.setViewportSize({ width: 1440, height: 900 })
    })
  },
}

const keyboard: E2eTest = {
  name: 'the navigation works with the keyboard alone',
  run: async (browser) => {
    const { page, close } = await openPage(browser)
    try {
      await page.goto(`${BASE_URL}/`)
      await settle(page)
      const link = page.getByRole('link', { name: /Flow analysis/ })
      await link.focus()
      await page.keyboard.press('Enter')
      await page.waitForURL(/\/flow/)
      await page.getByRole('heading', { name: 'Flow analysis', level: 2 }).waitFor()
    } finally {
      await close()
    }
  },
}

/** Every end-to-end test of the dashboard, run in order by `run-e2e.ts`. */
export const tests: E2eTest[] = [
  portfolio,
  portfolioDark,
  valueStream,
  flowAnalysis,
  whereIsMyThing,
  searchFilters,
  missingItem,
  mapping,
  dataQuality,
  sources,
  keyboard,
  hostileData,
  ...forecastTests,
  ...truthTests,
  ...detailTests,
  apiDocsOffline,
  contentSecurityPolicy,
  ...workbenchTests,
  ...authTests,
  ...oidcTests,
  ...resultTests,
  ...dependencyTests,
]
