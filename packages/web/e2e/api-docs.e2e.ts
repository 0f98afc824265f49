import assert from 'node:assert/strict'
import type { E2eTest } from './e2e-harness'
import { BASE_URL, openPage } from './e2e-harness'

/** `/api/docs` renders the API's operations with every request to another origin refused (offline). */
export const apiDocsOffline: E2eTest = {
  name: 'the API reference renders its operations with no other origin reachable',
  run: async (browser) => {
    const { page, problems, close } = await openPage(browser)
    const origin = new URL(BASE_URL).origin
    const refused: string[] = []
    try {
      await page.context().route('**/*', (route) => {
        const url = route.request().url()
        if (url.startsWith('data:') || new URL(url).origin === origin) return route.continue()
        refused.push(url)
        return route.abort('internetdisconnected')
      })
      page.on('console', (message) => {
        if (/content security policy/i.test(message.text())) problems.push(message.text())
      })
      await page.goto(`${BASE_URL}/api/docs`)
      await page.getByText('openvmo API', { exact: false }).first().waitFor()
      const operation = page.locator('.opblock-summary-path', { hasText: '/api/v1/items' }).first()
      await operation.waitFor({ timeout: 20_000 })
      const paths = await page.locator('.opblock-summary-path').count()
      assert.ok(paths >= 10, `the page lists the API's operations (${paths} shown)`)
      assert.deepEqual(refused, [], 'the page needs nothing from another origin')
      assert.deepEqual(problems, [], 'console errors or failed requests on /api/docs')
    } finally {
      await close()
    }
  },
}
