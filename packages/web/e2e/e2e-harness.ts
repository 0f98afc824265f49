import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'

/** Where the dashboard and its API answer (`npm start`, or the integrator's test server). */
export const BASE_URL = (process.env.OPENVMO_URL ?? 'http://127.0.0.1:4400').replace(/\/$/, '')

/** Screenshots of each page for the README (`docs/screenshots/`). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url))

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** Launches Debian's Chromium headless. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}

/** A page that records console errors and failed requests, so each test can assert there were none. */
export async function openPage(browser: Browser, options: { dark?: boolean } = {}) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    colorScheme: options.dark ? 'dark' : 'light',
    acceptDownloads: true,
  })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`HTTP ${response.status()} ${response.url()}`)
  })
  return { page, problems, close: () => context.close() }
}

/** GETs an API route (path with query) and returns its JSON body. */
export async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${BASE_URL}${path}`, { headers: { accept: 'application/json' } })
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as T
}

/** POSTs JSON to an API route and returns its JSON body. */
export async function apiPost<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${BASE_URL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as T
}

/**
 * Waits until no skeleton (loading panel) is left on the page and no request is in flight, and
 * stays so for a moment: a response often renders panels that start the next requests, so one
 * quiet instant is not enough on a loaded machine.
 */
export async function settle(page: Page): Promise<void> {
  let started = 0
  let inFlight = 0
  const onStart = () => {
    started++
    inFlight++
  }
  const onEnd = () => {
    inFlight--
  }
  page.on('request', onStart)
  page.on('requestfinished', onEnd)
  page.on('requestfailed', onEnd)
  try {
    await page.waitForLoadState('networkidle')
    for (let round = 0; round < 20; round++) {
      const before = started
      await page.waitForFunction(
        () => document.querySelectorAll('[aria-busy="true"]').length === 0,
        undefined,
        { timeout: 15_000 },
      )
      // ECharts animates for 300 ms after data arrives.
      await page.waitForTimeout(450)
      if (started === before && inFlight <= 0) return
    }
  } finally {
    page.off('request', onStart)
    page.off('requestfinished', onEnd)
    page.off('requestfailed', onEnd)
  }
}

/** Saves a full-page screenshot as `docs/screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  // The header is fixed: from the top, a full-page capture draws it once, where it belongs.
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, fullPage: true })
}

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[] }[]
}

/** Runs axe-core (WCAG 2 A/AA rules) on the page; returns serious and critical violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: a script tag would be inline script, which the
  // server's content security policy rightly blocks.
  await page.evaluate(await readFile(AXE_PATH, 'utf8'))
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> }
      }
    ).axe
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
    })
    return result.violations
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    )
}

/** One named end-to-end test. */
export interface E2eTest {
  name: string
  run: (browser: Browser) => Promise<void>
}

/** Opens `path`, waits for the data, checks console, accessibility, and saves a screenshot. */
export async function visit(
  browser: Browser,
  at: { path: string; shot: string; dark?: boolean },
  check: (page: Page) => Promise<void>,
) {
  const { path, shot, dark = false } = at
  const { page, problems, close } = await openPage(browser, { dark })
  try {
    await page.goto(`${BASE_URL}${path}`)
    await settle(page)
    await check(page)
    await screenshot(page, shot)
    assert.deepEqual(await axeViolations(page), [], `accessibility violations on ${path}`)
    assert.deepEqual(problems, [], `console errors or failed requests on ${path}`)
  } finally {
    await close()
  }
}

/** The inner texts of every element with `data-testid` = `testId`. */
export const texts = (page: Page, testId: string) => page.getByTestId(testId).allInnerTexts()

/**
 * The series options of the chart whose figure is titled `title` (pages must set
 * `window.__openvmoCharts = []` before loading); none when no such chart is drawn.
 */
export function chartSeriesOf<T>(page: Page, title: string): Promise<T[]> {
  return page.evaluate((title) => {
    type Chart = { isDisposed(): boolean; getDom(): HTMLElement; getOption(): unknown }
    const charts = (window as unknown as { __openvmoCharts: Chart[] }).__openvmoCharts
    const chart = charts
      .filter((c) => !c.isDisposed())
      .find((c) => c.getDom().closest('figure')?.querySelector('h3')?.textContent === title)
    const option = JSON.parse(JSON.stringify(chart?.getOption() ?? {})) as { series?: never[] }
    return option.series ?? []
  }, title) as Promise<T[]>
}
