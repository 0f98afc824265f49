// Issue #10, point 6 (details that cost trust) and point 7 (the bottleneck drill-down): exports
// that say what they show, the flow-time card beside the scatter's p50, the aging chart's band key,
// time in state grouped by flow state, and a drill-down of the items waiting now, in the URL.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import type {
  AgingWipResponse,
  FlowMetricsReportResponse,
  FlowTimesResponse,
  ValueStreamListResponse,
  TimeInStateResponse,
} from '../src/api/types'
import { formatCount, formatDays, formatRange } from '../src/format/numbers'
import { coveredPeriodLabel, lastCompleteIndex } from '../src/pages/value-stream/stream-cards'
import { bottleneckRows } from '../src/pages/flow/bottleneck-rows'
import type { E2eTest } from './e2e-harness'
import { BASE_URL, api, axeViolations, openPage, screenshot, settle, texts } from './e2e-harness'

const STREAM = 'Mobile App'

/** Opens `path` with every chart recorded in `window.__openvmoCharts`, and waits for the data. */
async function openWithCharts(page: Page, path: string) {
  await page.addInitScript(() => {
    ;(window as unknown as { __openvmoCharts: unknown[] }).__openvmoCharts = []
  })
  await page.goto(`${BASE_URL}${path}`)
  await settle(page)
}

/** Texts cut off with an ellipsis, and figure header buttons that stick out of their card. */
function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cut = [...document.querySelectorAll<HTMLElement>('body *')]
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
    const outside = [...document.querySelectorAll<HTMLElement>('figure button')]
      .filter((button) => {
        const card = button.closest('figure')?.getBoundingClientRect()
        const box = button.getBoundingClientRect()
        return card && (box.right > card.right + 1 || box.left < card.left - 1)
      })
      .map((button) => `button ${button.getAttribute('aria-label') ?? button.textContent}`)
    return [...cut, ...outside].filter((text) => text.length > 0)
  })
}

/** Clicks an export button and returns the download's file name and bytes. */
async function download(page: Page, button: string) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ])
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path()) ?? '') }
}

/** The iTXt chunks (UTF-8, uncompressed) of a PNG, by keyword. */
function pngText(bytes: Buffer): Record<string, string> {
  const out: Record<string, string> = {}
  let at = 8
  while (at + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(at)
    const type = bytes.toString('latin1', at + 4, at + 8)
    if (type === 'iTXt') {
      const data = bytes.subarray(at + 8, at + 8 + length)
      const nul = data.indexOf(0)
      // keyword NUL, compression flag and method, language tag NUL, translated keyword NUL
      out[data.toString('latin1', 0, nul)] = data.toString('utf8', nul + 5)
    }
    if (type === 'IEND') break
    at += 12 + length
  }
  return out
}

const exportsSayWhat: E2eTest = {
  name: 'a chart’s PNG and CSV carry its title, filters, period and as-of, in the file and its name',
  run: async (browser) => {
    const { page, problems, close } = await openPage(browser)
    try {
      const query = `stream=${encodeURIComponent(STREAM)}&type=feature,defect`
      await page.goto(`${BASE_URL}/stream?${query}&asOf=2026-11-30`)
      await settle(page)
      const times = await api<FlowTimesResponse>(
        `/api/v1/flow/flow-times?${query}&period=week&asOf=2026-11-30T23:59:59Z`,
      )
      const day = '2026-11-30'
      const header = [
        '# Flow time scatterplot',
        `# Value streams: ${STREAM} · Teams: all · Types: feature; defect`,
        `# Period: by week · ${formatRange(times.from, times.to)} (${times.timezone})`,
        `# As of: ${day} 23:59 UTC`,
      ]

      const csv = await download(page, 'Export Flow time scatterplot as CSV')
      assert.equal(csv.name, `flow-time-scatterplot_Mobile-App_feature+defect_${day}.csv`)
      const lines = csv.bytes
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .split('\r\n')
      assert.deepEqual(lines.slice(0, 4), header)
      assert.match(lines[4] ?? '', /^[a-z_]+(,[a-z_]+)+$/, 'the column header follows the # lines')
      assert.equal(lines.filter((l) => l && !l.startsWith('#')).length, times.points.length + 1)

      const png = await download(page, 'Export Flow time scatterplot as PNG')
      assert.equal(png.name, `flow-time-scatterplot_Mobile-App_feature+defect_${day}.png`)
      assert.equal(png.bytes.subarray(1, 4).toString('latin1'), 'PNG')
      const meta = pngText(png.bytes)
      assert.equal(meta.Title, 'Flow time scatterplot')
      assert.equal(
        meta.Description,
        header
          .slice(1)
          .map((l) => l.slice(2))
          .join(' | '),
      )
      // The header is drawn: rows of text above the chart image, which keeps the chart's size.
      const drawn = await page.evaluate(async (base64) => {
        // Not fetch(data:…): the content security policy allows connections to the server only.
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
        const blob = new Blob([bytes], { type: 'image/png' })
        const image = await createImageBitmap(blob)
        const canvas = document.createElement('canvas')
        canvas.width = image.width
        canvas.height = image.height
        const context = canvas.getContext('2d')
        if (!context) return null
        context.drawImage(image, 0, 0)
        const chart = [...document.querySelectorAll('figure')]
          .find((f) => f.querySelector('h3')?.textContent === 'Flow time scatterplot')
          ?.querySelector('canvas')
        // The export draws the chart at 2 image pixels per CSS pixel.
        const scale = 2 / window.devicePixelRatio
        const chartWidth = chart ? chart.width * scale : 0
        const headerHeight = image.height - (chart ? chart.height * scale : 0)
        const top = context.getImageData(0, 0, image.width, headerHeight).data
        let ink = 0
        for (let i = 0; i < top.length; i += 4) if ((top[i] ?? 255) < 128) ink++
        return { width: image.width, chartWidth, headerHeight, ink }
      }, png.bytes.toString('base64'))
      assert.ok(drawn, 'the PNG decodes in the browser')
      assert.equal(drawn.width, drawn.chartWidth, 'the PNG is as wide as the chart at 2× pixels')
      assert.ok(
        drawn.headerHeight >= 100,
        `a header block above the chart (${drawn.headerHeight} px)`,
      )
      assert.ok(drawn.ink > 500, `text drawn in the header (${drawn.ink} dark pixels)`)
      assert.deepEqual(problems, [])
    } finally {
      await close()
    }
  },
}

/**
 * A stream of the demo whose flow time over the range and in its last full week differ when
 * shown (which stream that is depends on the day the demo was generated for), with both reports.
 */
async function streamWithTwoFlowTimes() {
  const { valueStreams } = await api<ValueStreamListResponse>('/api/v1/value-streams')
  for (const { name } of [{ name: STREAM }, ...valueStreams]) {
    const query = `stream=${encodeURIComponent(name)}`
    const report = await api<FlowMetricsReportResponse>(`/api/v1/metrics?${query}&period=week`)
    const times = await api<FlowTimesResponse>(`/api/v1/flow/flow-times?${query}&period=week`)
    const range = times.flowTime
    const card = report.periods[lastCompleteIndex(report)]?.flowTime
    if (range && card && formatDays(range.p50) !== formatDays(card.p50))
      return { query, report, times, range, card }
  }
  throw new Error('no demo stream has a last-week flow time p50 unlike its range p50')
}

const flowTimeExplained: E2eTest = {
  name: 'the flow-time card and the scatter’s p50 each say what they cover',
  run: async (browser) => {
    const { query, report, times, range, card } = await streamWithTwoFlowTimes()
    const { page, close } = await openPage(browser)
    try {
      await page.goto(`${BASE_URL}/stream?${query}`)
      await settle(page)
      const values = await texts(page, 'metric-value')
      assert.ok(values.includes(formatDays(card.p50)), 'the card shows the last full week’s p50')
      const [note] = await texts(page, 'flow-time-note')
      assert.equal(
        note,
        `Lines: p50 ${formatDays(range.p50)} d, p85 ${formatDays(range.p85)} d, p95 ${formatDays(range.p95)} d of all ${formatCount(range.count)} items completed ${formatRange(times.from, times.to)}. The Flow Time p50 card covers ${coveredPeriodLabel(report) ?? ''} only: ${formatDays(card.p50)} d of ${formatCount(card.count)} items.`,
      )
    } finally {
      await close()
    }
  },
}

const agingKey: E2eTest = {
  name: 'the aging chart names its percentile bands in a key whose labels never overlap',
  run: async (browser) => {
    const { page, close } = await openPage(browser)
    try {
      const aging = await api<AgingWipResponse>('/api/v1/flow/aging?period=week')
      const summary = aging.flowTime
      assert.ok(summary)
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 })
        await openWithCharts(page, '/flow')
        const labels = page.getByTestId('aging-band-label')
        assert.deepEqual(await labels.allInnerTexts(), [
          `< p50 under ${summary.p50.toFixed(1)} d`,
          `p50–p85 ${summary.p50.toFixed(1)}–${summary.p85.toFixed(1)} d`,
          `p85–p95 ${summary.p85.toFixed(1)}–${summary.p95.toFixed(1)} d`,
          `> p95 over ${summary.p95.toFixed(1)} d`,
        ])
        const boxes = await labels.evaluateAll((els) =>
          els.map((el) => {
            const r = el.getBoundingClientRect()
            return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }
          }),
        )
        for (const [i, a] of boxes.entries())
          for (const b of boxes.slice(i + 1))
            assert.ok(
              a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top,
              `band labels overlap at ${width} px: ${JSON.stringify([a, b])}`,
            )
        // No label is drawn inside the bands on the canvas, where thin bands made them collide.
        // (The bands are the chart's several marked areas; the CFD marks one, its day not over.)
        const inside = await page.evaluate(() => {
          type Chart = { isDisposed(): boolean; getOption(): unknown }
          type Area = { label?: { show?: boolean }; data?: unknown[] }
          const charts = (window as unknown as { __openvmoCharts: Chart[] }).__openvmoCharts
          // (no named function in here: the test runner's transform would wrap it in a helper
          // the page does not have)
          const option = charts
            .filter((c) => !c.isDisposed())
            .map((c) => c.getOption() as { series?: { markArea?: Area }[] })
            .find((o) => o.series?.some((s) => (s.markArea?.data?.length ?? 0) > 1))
          return option?.series?.find((s) => (s.markArea?.data?.length ?? 0) > 1)?.markArea?.label
            ?.show
        })
        assert.equal(inside, false)
        assert.deepEqual(await clipped(page), [], `clipped text on /flow at ${width} px`)
      }
    } finally {
      await close()
    }
  },
}

const timeInStateGrouped: E2eTest = {
  name: 'time in state groups tool states under their flow state, with their source, on an axis scaled to the data',
  run: async (browser) => {
    const { page, close } = await openPage(browser)
    try {
      await openWithCharts(page, '/flow')
      const tis = await api<TimeInStateResponse>('/api/v1/flow/time-in-state?period=week')
      const shown = await page.evaluate(() => {
        type Chart = { isDisposed(): boolean; getDom(): HTMLElement; getOption(): unknown }
        const charts = (window as unknown as { __openvmoCharts: Chart[] }).__openvmoCharts
        const chart = charts
          .filter((c) => !c.isDisposed())
          .find(
            (c) =>
              c.getDom().closest('figure')?.querySelector('h3')?.textContent ===
              'Time in state and wait share',
          )
        const option = chart?.getOption() as
          | {
              xAxis: { max: number }[]
              yAxis: { data: string[]; axisLabel: { formatter: (v: string) => string } }[]
            }
          | undefined
        if (!option) return null
        const axis = option.yAxis[0]
        return {
          max: option.xAxis[0]?.max ?? 1,
          labels: (axis?.data ?? []).map((id) => axis?.axisLabel.formatter(id) ?? ''),
        }
      })
      assert.ok(shown, 'the time-in-state chart is drawn')
      const states = tis.states.filter((s) => s.flowState !== 'done' && s.flowState !== 'canceled')
      const largest = Math.max(
        ...states.map((s) => Math.max(s.shareOfFlowTime ?? 0, s.waitShare ?? 0)),
      )
      assert.ok(
        shown.max >= largest && shown.max <= largest + 0.1,
        `axis max ${shown.max} for ${largest}`,
      )
      assert.ok(shown.max < 1, 'the axis does not run to 100%')
      // Headings in flow-state order, each followed by its own states with their sources.
      let group = ''
      const seen: string[] = []
      for (const label of shown.labels) {
        const heading = /^\{group\|([A-Z]+)\}/.exec(label)
        if (heading) {
          group = (heading[1] ?? '').toLowerCase()
          continue
        }
        const parts = /^\{status\|(.*)\}\n\{source\|(.*)\}$/.exec(label)
        assert.ok(parts, `a state row names its status and source: ${label}`)
        const state = states.find((s) => s.status === parts[1] && s.source === parts[2])
        assert.ok(state, `${label} is a state of the API`)
        assert.equal(state.flowState, group, `${label} sits under its flow state`)
        seen.push(`${state.source}:${state.status}`)
      }
      assert.equal(seen.length, states.length)
      // The demo's Jira "In Progress" and GitHub "in progress" are two labelled rows of "active".
      assert.ok(seen.includes('jira:In Progress') && seen.includes('github:in progress'))
    } finally {
      await close()
    }
  },
}

const drillDownNow: E2eTest = {
  name: 'the bottleneck drill-down lists the items waiting in the state now, and its state is in the URL',
  run: async (browser) => {
    const { page, problems, close } = await openPage(browser)
    try {
      const asOf = '2026-11-30'
      await page.goto(`${BASE_URL}/flow?asOf=${asOf}`)
      await settle(page)
      const scope = `period=week&asOf=${asOf}T23:59:59Z`
      const tis = await api<TimeInStateResponse>(`/api/v1/flow/time-in-state?${scope}`)
      const aging = await api<AgingWipResponse>(`/api/v1/flow/aging?${scope}`)
      const row = bottleneckRows(tis, aging).find((r) => r.waitingNow > 0)
      assert.ok(row, 'some state has items waiting in it')
      await page
        .getByRole('button', {
          name: `Show the items waiting in ${row.status} (${row.source}) now`,
        })
        .click()
      await settle(page)
      const url = new URL(page.url())
      assert.equal(url.searchParams.get('state'), row.status)
      assert.equal(url.searchParams.get('stateSource'), row.source)
      assert.equal(url.searchParams.get('asOf'), asOf)
      const waiting = aging.items
        .filter((i) => i.source === row.source && i.status === row.status)
        .sort((a, b) => b.daysInStatus - a.daysInStatus || b.ageDays - a.ageDays)
      const check = async () => {
        const heading = page.getByRole('heading', {
          name: `Items in “${row.status}” (${row.source}) now · ${formatCount(waiting.length)} as of 30 Nov 2026`,
        })
        await heading.waitFor()
        const table = page.getByTestId('waiting-now-table')
        const keys = await table.locator('tbody tr td:first-child').allInnerTexts()
        assert.deepEqual(
          keys,
          waiting.slice(0, 20).map((i) => i.key),
        )
        assert.deepEqual(
          await texts(page, 'days-in-state'),
          waiting.slice(0, 20).map((i) => formatDays(i.daysInStatus)),
        )
      }
      await check()
      await screenshot(page, 'flow-drill-down')
      // A reload (or a shared link) opens the same drill-down.
      await page.reload()
      await settle(page)
      await check()
      // The completed items that passed through are one click away, also in the URL.
      await page.getByText('Completed that passed through').click()
      await settle(page)
      assert.equal(new URL(page.url()).searchParams.get('stateList'), 'completed')
      await page.getByTestId('completed-through-table').waitFor()
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 })
        await page.reload()
        await settle(page)
        await page.getByTestId('completed-through-table').waitFor()
        assert.deepEqual(await clipped(page), [], `clipped text at ${width} px`)
      }
      assert.deepEqual(await axeViolations(page), [])
      assert.deepEqual(problems, [])
    } finally {
      await close()
    }
  },
}

/** The tests of issue #10's details (point 6) and the drill-down (point 7). */
export const detailTests: E2eTest[] = [
  exportsSayWhat,
  flowTimeExplained,
  agingKey,
  timeInStateGrouped,
  drillDownNow,
]
