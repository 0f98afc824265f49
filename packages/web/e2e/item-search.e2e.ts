import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import type { ItemSearchResponse } from '../src/api/types'
import type { E2eTest } from './e2e-harness'
import { BASE_URL, api, axeViolations, openPage, settle } from './e2e-harness'

/** The keys of the hits the page lists, in order. */
const listedKeys = (page: Page) =>
  page.getByTestId('search-hit').locator('td:first-child a').allInnerTexts()

/** The API's first page (25 hits) for the query the page last sent, and its keys. */
async function expected(query: string) {
  const data = await api<ItemSearchResponse>(`/api/v1/items?${query}&limit=25&offset=0`)
  return {
    total: data.total,
    keys: data.items.map((h) => h.key),
    open: data.items.map((h) => h.open),
  }
}

/** Picking each search filter changes the API query, the URL and the list (open items first). */
export const searchFilters: E2eTest = {
  name: 'search filters (state, source, type) change the API query, the URL and the list',
  run: async (browser) => {
    const { page, problems, close } = await openPage(browser)
    const queries: string[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (url.pathname === '/api/v1/items') queries.push(url.search)
    })
    const lastQuery = () => new URLSearchParams(queries.at(-1) ?? '')
    const pickState = (name: string) =>
      page
        .getByRole('group', { name: 'Search filters' })
        .locator('label', { hasText: new RegExp(`^${name}$`) })
        .click()
    const check = async (wanted: Record<string, string>) => {
      await settle(page)
      const sent = lastQuery()
      for (const [key, value] of Object.entries(wanted)) {
        assert.equal(sent.get(key), value, `the API query has ${key}=${value}`)
        assert.equal(new URL(page.url()).searchParams.get(key), value, `the URL keeps ${key}`)
      }
      const api = await expected(sent.toString().replace(/&?(limit|offset)=\d+/g, ''))
      assert.deepEqual(await listedKeys(page), api.keys, `the list is the API's answer to ${sent}`)
      return api
    }
    try {
      await page.goto(`${BASE_URL}/items?q=refund`)
      const all = await check({ q: 'refund' })
      assert.equal(all.open[0], true, 'an open item comes first')
      const firstClosed = all.open.indexOf(false)
      if (firstClosed >= 0)
        assert.ok(
          all.open.slice(firstClosed).every((o) => !o),
          'then closed ones',
        )
      assert.equal(
        await page.getByRole('search', { name: 'Filters' }).count(),
        0,
        'no global filters here',
      )

      await pickState('Closed')
      const closed = await check({ q: 'refund', state: 'closed' })
      assert.ok(closed.total < all.total && closed.open.every((o) => !o), 'only closed items')

      await page.getByRole('textbox', { name: 'Source' }).click()
      await page.getByRole('option', { name: 'github', exact: true }).click()
      await page.keyboard.press('Escape')
      const github = await check({ q: 'refund', state: 'closed', source: 'github' })
      assert.ok(github.total < closed.total, 'the source narrows the list')

      await pickState('All')
      await page.getByRole('textbox', { name: 'Flow Item type' }).click()
      await page.getByRole('option', { name: 'Defect', exact: true }).click()
      await page.keyboard.press('Escape')
      await settle(page)
      assert.equal(lastQuery().get('state'), null, 'All sends no state')
      const defects = await check({ q: 'refund', source: 'github', type: 'defect' })
      assert.notDeepEqual(defects.keys, github.keys, 'the type changes the list')

      // The filters are in the URL: reloading shows the same list.
      await page.reload()
      await check({ q: 'refund', source: 'github', type: 'defect' })
      assert.deepEqual(await axeViolations(page), [])

      // An as-of date (carried in links from the other pages) searches as of the end of that day,
      // and the links to the items keep it.
      await page.goto(`${BASE_URL}/items?q=refund&asOf=2025-06-30`)
      await settle(page)
      assert.equal(lastQuery().get('asOf'), '2025-06-30T23:59:59Z')
      const asOf = await expected('q=refund&asOf=2025-06-30T23:59:59Z')
      assert.ok(asOf.total < all.total, 'fewer items existed then')
      assert.deepEqual(await listedKeys(page), asOf.keys)
      const link = page.getByTestId('search-hit').locator('td:first-child a').first()
      assert.match((await link.getAttribute('href')) ?? '', /asOf=2025-06-30/)
      assert.deepEqual(problems, [])
    } finally {
      await close()
    }
  },
}

/** An item that is not there: the page says so and offers nothing to do with it. */
export const missingItem: E2eTest = {
  name: 'an item that does not exist is said to be not found, with no forecast of it offered',
  run: async (browser) => {
    const { page, close } = await openPage(browser)
    try {
      await page.goto(`${BASE_URL}/items/jira/NOPE-404404`)
      await page.getByText('item "NOPE-404404" of source "jira" was not found').waitFor()
      assert.equal(await page.getByText('Forecast it with everything below it as a set').count(), 0)
      assert.equal(await page.getByRole('link', { name: '← Back to search' }).count(), 1)
    } finally {
      await close()
    }
  },
}
