// Issue #14 (dependencies): the dependency view on the demo, its graph and table in the API's
// order, a click on an arrow listing that edge's items, the view at 390 px, the stream page's
// "blocked by other teams" figure.
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import type { DependencyGraphResponse } from '../src/api/types'
import { groupName } from '../src/charts/DependencyGraphChart'
import { formatDays } from '../src/format/numbers'
import type { E2eTest } from './e2e-harness'
import { BASE_URL, api, axeViolations, openPage, settle, texts } from './e2e-harness'

const label = (e: DependencyGraphResponse['edges'][number]) =>
  `${groupName(e.upstream)} → ${groupName(e.downstream)}`

/** The page position of the middle of the graph's heaviest (widest) arrow. */
async function heaviestArrow(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    type Edge = { getLayout(): [number, number][] }
    type Chart = {
      isDisposed(): boolean
      getDom(): HTMLElement
      getModel(): {
        getSeriesByIndex(i: number): { getGraph(): { getEdgeByIndex(i: number): Edge } }
      }
    }
    const charts = (window as unknown as { __openvmoCharts: Chart[] }).__openvmoCharts
    const chart = charts
      .filter((c) => !c.isDisposed())
      .find(
        (c) => c.getDom().closest('figure')?.querySelector('h3')?.textContent === 'Dependencies',
      )
    if (!chart) return null
    const [from, to, control] = chart
      .getModel()
      .getSeriesByIndex(0)
      .getGraph()
      .getEdgeByIndex(0)
      .getLayout()
    if (!from || !to) return null
    const c = control ?? [(from[0] + to[0]) / 2, (from[1] + to[1]) / 2]
    // the quadratic curve at t = 0.5
    const x = 0.25 * from[0] + 0.5 * c[0] + 0.25 * to[0]
    const y = 0.25 * from[1] + 0.5 * c[1] + 0.25 * to[1]
    const box = chart.getDom().getBoundingClientRect()
    return { x: box.left + x, y: box.top + y }
  })
  assert.ok(point, 'the dependency graph is drawn')
  return point
}

const dependencyView: E2eTest = {
  name: 'the dependency view shows the heaviest edges first and a click on an arrow lists its items',
  run: async (browser) => {
    const data = await api<DependencyGraphResponse>('/api/v1/dependencies?period=week')
    assert.ok(data.edges.length >= 3, 'the demo has waits across teams')
    const { page, problems, close } = await openPage(browser)
    try {
      await page.addInitScript(() => {
        ;(window as unknown as { __openvmoCharts: unknown[] }).__openvmoCharts = []
      })
      await page.goto(`${BASE_URL}/dependencies`)
      await settle(page)
      const rows = await texts(page, 'dependency-edge')
      assert.deepEqual(rows, data.edges.map(label))
      const { x, y } = await heaviestArrow(page)
      await page.mouse.click(x, y)
      await page.getByTestId('edge-items').waitFor()
      const picked = new URL(page.url()).searchParams.get('edge')
      const edge = data.edges.find(
        (e) => `${groupName(e.upstream)}>${groupName(e.downstream)}` === picked,
      )
      assert.ok(edge, `the URL names an edge of the graph: ${picked}`)
      const card = (await texts(page, 'edge-items'))[0] ?? ''
      assert.ok(card.startsWith(`${label(edge)}: the items that waited`), card)
      for (const item of edge.items.slice(0, 5)) assert.ok(card.includes(item.key), item.key)
      assert.deepEqual(await axeViolations(page), [], 'accessibility violations on /dependencies')
      assert.deepEqual(problems, [])
    } finally {
      await close()
    }
  },
}

const dependencyNarrow: E2eTest = {
  name: 'the dependency view and the stream’s blocked-by figure fit 390 px, a row picks an edge',
  run: async (browser) => {
    const { page, problems, close } = await openPage(browser)
    try {
      await page.setViewportSize({ width: 390, height: 844 })
      await page.goto(`${BASE_URL}/dependencies?by=stream`)
      await settle(page)
      await page.getByTestId('dependency-edge').first().click()
      await page.getByTestId('edge-items').waitFor()
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= 390, `the page is ${width} px wide at 390 px`)
      await page.goto(`${BASE_URL}/stream?stream=Payments`)
      await settle(page)
      const figure = (await texts(page, 'blocked-by-others'))[0] ?? ''
      const deps = await api<DependencyGraphResponse>(
        '/api/v1/dependencies?period=week&stream=Payments',
      )
      assert.ok(figure.includes(`${formatDays(deps.total.attributedDays)} days`), figure)
      assert.deepEqual(problems, [])
    } finally {
      await close()
    }
  },
}

/** The dependency tests, in order. */
export const dependencyTests: E2eTest[] = [dependencyView, dependencyNarrow]
