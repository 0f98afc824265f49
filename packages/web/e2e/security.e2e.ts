import assert from 'node:assert/strict'
import type { Browser } from 'playwright-core'
import type { AgingWipResponse, ValueStreamListResponse } from '../src/api/types'
import { itemPath } from '../src/pages/items/item-path'
import type { E2eTest } from './e2e-harness'
import { BASE_URL, api, openPage, settle } from './e2e-harness'

declare global {
  interface Window {
    __cspViolations?: string[]
  }
}

/** Every page of the dashboard (with data: a stream, an item, a search, a dark theme). */
async function dashboardPages(): Promise<string[]> {
  const { valueStreams } = await api<ValueStreamListResponse>('/api/v1/value-streams')
  const stream = encodeURIComponent(valueStreams[0]?.name ?? '')
  const item = (await api<AgingWipResponse>('/api/v1/flow/aging?period=week')).items[0]
  assert.ok(item, 'the demo store has items in progress')
  return [
    '/',
    '/?period=quarter',
    `/stream?stream=${stream}`,
    `/flow?stream=${stream}`,
    '/flow',
    '/items',
    `/items?q=${encodeURIComponent(item.key)}`,
    itemPath(item),
    `/forecast/set?stream=${stream}`,
    '/mapping',
    '/sources',
    '/data-quality',
    '/no-such-page',
    '/api/docs',
  ]
}

/** Opens `path` and returns the content security policy violations it caused, and its policy. */
async function violationsOn(browser: Browser, path: string, dark: boolean) {
  const { page, problems, close } = await openPage(browser, { dark })
  try {
    await page.addInitScript(() => {
      window.__cspViolations = []
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__cspViolations?.push(`${event.violatedDirective} ${event.blockedURI}`)
      })
    })
    page.on('console', (message) => {
      if (/content security policy/i.test(message.text())) problems.push(message.text())
    })
    const response = await page.goto(`${BASE_URL}${path}`)
    await settle(page)
    // Hover the first chart, if any: tooltips are HTML with inline styles.
    const chart = page.locator('canvas').first()
    if (await chart.count()) await chart.hover({ force: true }).catch(() => undefined)
    const violations = await page.evaluate(() => window.__cspViolations ?? [])
    return {
      policy: response?.headers()['content-security-policy'] ?? '',
      frameOptions: response?.headers()['x-frame-options'] ?? '',
      violations: [...violations, ...problems],
    }
  } finally {
    await close()
  }
}

/**
 * The dashboard runs under the server's strict content security policy (no inline script, no
 * other origin): every page, in light and dark theme, loads and renders with no violation.
 */
export const contentSecurityPolicy: E2eTest = {
  name: 'every dashboard page renders under the content security policy with no violation',
  run: async (browser) => {
    for (const path of await dashboardPages()) {
      for (const dark of path === '/' ? [false, true] : [false]) {
        const seen = await violationsOn(browser, path, dark)
        assert.match(seen.policy, /script-src 'self'/, `the policy of ${path}`)
        assert.doesNotMatch(seen.policy, /script-src[^;]*unsafe-inline/, `the policy of ${path}`)
        assert.match(seen.policy, /frame-ancestors 'none'/, `the policy of ${path}`)
        assert.equal(seen.frameOptions, 'DENY', `X-Frame-Options of ${path}`)
        assert.deepEqual(seen.violations, [], `CSP violations or errors on ${path}`)
      }
    }
  },
}
