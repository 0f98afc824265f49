import assert from 'node:assert/strict'
import type { Browser, Page } from 'playwright-core'
import { itemPath } from '../src/pages/items/item-path'
import type { E2eTest } from './e2e-harness'
import { openPage, settle } from './e2e-harness'
import { HOSTILE_STREAM, hostileMappingYaml, hostileRecords } from './hostile-data'
import { serveRecords } from './hostile-server'

interface ChartLike {
  isDisposed(): boolean
  getDom(): HTMLElement
  getOption(): { series?: { data?: unknown[] }[] }
  convertToPixel(finder: { seriesIndex: number }, value: unknown): number[] | number | undefined
}

declare global {
  interface Window {
    __openvmoCharts?: ChartLike[]
    __xss?: number
  }
}

/** At most this many data points are hovered per chart (spread over all of its points). */
const POINTS_PER_CHART = 80

/** The viewport positions of a chart's data points (sampled), after scrolling it into view. */
function chartPoints(page: Page, index: number): Promise<[number, number][]> {
  return page.evaluate(
    ({ index, max }) => {
      const chart = (window.__openvmoCharts ?? []).filter((c) => !c.isDisposed())[index]
      if (!chart) return []
      chart.getDom().scrollIntoView({ block: 'center' })
      const box = chart.getDom().getBoundingClientRect()
      const points: [number, number][] = []
      ;(chart.getOption().series ?? []).forEach((series, seriesIndex) => {
        ;(series.data ?? []).forEach((datum, dataIndex) => {
          const raw =
            datum !== null && typeof datum === 'object' && !Array.isArray(datum)
              ? (datum as { value?: unknown }).value
              : datum
          const value = Array.isArray(raw) ? raw : [dataIndex, raw]
          const pixel = chart.convertToPixel({ seriesIndex }, value)
          if (Array.isArray(pixel) && pixel.every(Number.isFinite)) {
            points.push([box.left + (pixel[0] ?? 0), box.top + (pixel[1] ?? 0)])
          }
        })
      })
      const step = Math.max(1, Math.ceil(points.length / max))
      return points.filter((_, i) => i % step === 0)
    },
    { index, max: POINTS_PER_CHART },
  )
}

/**
 * Moves the mouse over every chart's data points; returns how many hovers showed a tooltip whose
 * text carries the payload's markup as text (escaped, so shown instead of run).
 */
async function hoverEveryChart(page: Page): Promise<number> {
  const count = await page.evaluate(
    () => (window.__openvmoCharts ?? []).filter((c) => !c.isDisposed()).length,
  )
  let escaped = 0
  for (let index = 0; index < count; index++) {
    for (const [x, y] of await chartPoints(page, index)) {
      await page.mouse.move(x, y)
      await page.waitForTimeout(15)
      escaped += await page.evaluate((index) => {
        const chart = (window.__openvmoCharts ?? []).filter((c) => !c.isDisposed())[index]
        return chart?.getDom().innerText.includes('onerror=') ? 1 : 0
      }, index)
    }
  }
  return escaped
}

async function assertNoScriptRan(page: Page, path: string) {
  const found = await page.evaluate(() => ({
    ran: window.__xss ?? 0,
    elements: document.querySelectorAll('img[src="x"], svg[onload], script:not([src])').length,
  }))
  assert.deepEqual(found, { ran: 0, elements: 0 }, `injected markup became HTML on ${path}`)
}

/** What a visit saw: tooltips showing the markup as text, and whether the page text shows it. */
interface HostileVisit {
  escaped: number
  shownAsText: boolean
}

async function visitHostile(browser: Browser, url: string, path: string): Promise<HostileVisit> {
  const { page, problems, close } = await openPage(browser)
  try {
    await page.addInitScript(() => {
      window.__openvmoCharts = []
    })
    await page.goto(`${url}${path}`)
    await settle(page)
    // The payloads' own text (`onerror="window.__xss=…`) on the page: shown, as text.
    const shownAsText = await page.evaluate(() => document.body.innerText.includes('window.__xss'))
    const escaped = await hoverEveryChart(page)
    await assertNoScriptRan(page, path)
    assert.deepEqual(problems, [], `console errors or failed requests on ${path}`)
    return { escaped, shownAsText }
  } finally {
    await close()
  }
}

/**
 * Stored XSS: items whose every text carries markup are imported through `vmo import`, mapped
 * into a stream with a hostile name, and every page is opened and every chart hovered point by
 * point. No markup may become HTML, and the tooltips must show it as text.
 */
export const hostileData: E2eTest = {
  name: 'hostile keys, titles, labels, teams, states and names never run as script on any chart',
  run: async (browser) => {
    const records = hostileRecords(Date.now())
    const server = await serveRecords(records, hostileMappingYaml())
    try {
      const item = (i: number) => {
        const r = records[i] ?? {}
        return itemPath({ source: String(r.source), key: String(r.key) })
      }
      const stream = `stream=${encodeURIComponent(HOSTILE_STREAM)}`
      const shown: Record<string, number> = {}
      // Pages that show a hostile name or title in their text (the others show it in charts).
      const showsText = new Set(['/', '/items?q=XSSKEY', item(1), item(records.length - 1)])
      for (const path of [
        '/',
        `/?period=month`,
        `/stream?${stream}`,
        `/flow?${stream}`,
        '/flow',
        '/items?q=XSSKEY',
        item(1),
        item(records.length - 1),
        '/mapping',
      ]) {
        const visit = await visitHostile(browser, server.url, path)
        shown[path] = visit.escaped
        if (showsText.has(path)) assert.ok(visit.shownAsText, `the markup shows as text on ${path}`)
      }
      // The scatter (/stream) and aging (/flow) tooltips name items: proof the hovering hit them.
      assert.ok((shown[`/stream?${stream}`] ?? 0) > 0, 'flow-time scatter tooltips were shown')
      assert.ok((shown[`/flow?${stream}`] ?? 0) > 0, 'aging tooltips were shown')
    } finally {
      server.stop()
    }
  },
}
