import assert from 'node:assert/strict'
import type { DataQualityResponse, ItemJourneyResponse, PortfolioResponse } from '../src/api/types'
import { findingTitle } from '../src/pages/data-quality/finding-groups'
import type { E2eTest } from './e2e-harness'
import { BASE_URL, api, axeViolations, openPage, settle } from './e2e-harness'

/**
 * From the portfolio's data-quality warning to the Data quality page of that stream: each
 * finding's count and items are the API's, and an item's link opens its page, which lists the
 * item's stored findings.
 */
export const dataQuality: E2eTest = {
  name: 'data quality: the warning links to the findings of its stream, their items and their pages',
  run: async (browser) => {
    const { page, problems, close } = await openPage(browser)
    try {
      const portfolio = await api<PortfolioResponse>('/api/v1/portfolio')
      const stream = portfolio.streams.find((s) =>
        s.warnings.some((w) => w.code === 'DATA_QUALITY'),
      )
      assert.ok(stream, 'a stream of the demo has a data-quality warning')
      await page.goto(`${BASE_URL}/`)
      await settle(page)
      const warning = page
        .getByRole('alert')
        .filter({ hasText: `${stream.name}: ` })
        .filter({ hasText: 'data-quality findings' })
      await warning.getByRole('link', { name: 'See the findings and their items' }).click()
      await page.waitForURL(/\/data-quality\?/)
      await settle(page)
      const url = new URL(page.url())
      assert.equal(url.searchParams.get('stream'), stream.name, 'the page keeps the stream')
      const report = await api<DataQualityResponse>(
        `/api/v1/flow/data-quality?stream=${encodeURIComponent(stream.name)}`,
      )
      assert.ok(report.findings.length > 0, 'the stream has findings')
      for (const finding of report.findings) {
        const card = page.getByTestId(`finding-${finding.flag}`)
        await card.waitFor()
        const text = await card.innerText()
        assert.ok(text.includes(findingTitle(finding.flag)), `the card of ${finding.flag} is named`)
        assert.match(text, new RegExp(`${finding.items.toLocaleString('en-US')} items?`, 'i'))
        assert.ok(text.includes(finding.rule), `the card says what ${finding.flag} does`)
      }
      // every listed item of the first finding, in the API's order, links to its page
      const first = report.findings[0]
      assert.ok(first)
      const keys = report.items
        .filter((item) => item.flags.includes(first.flag))
        .slice(0, 30)
        .map((item) => `${item.source}:${item.key}`)
      const links = page.getByTestId(`finding-${first.flag}`).getByRole('link')
      const listed = (await links.allInnerTexts()).filter((t) => t !== 'open the mapping')
      assert.deepEqual(listed, keys)
      assert.deepEqual(await axeViolations(page), [], 'accessibility violations on /data-quality')
      const item = report.items.find((i) => i.flags.includes(first.flag))
      assert.ok(item, 'an item of the first finding is listed')
      await page.getByRole('link', { name: `${item.source}:${item.key}`, exact: true }).click()
      await page.waitForURL(/\/items\//)
      await settle(page)
      const journey = await api<ItemJourneyResponse>(
        `/api/v1/items/${encodeURIComponent(item.source)}/${encodeURIComponent(item.key)}`,
      )
      assert.ok(journey.dataQuality.findings.length > 0, 'the item has stored findings')
      const box = page.getByTestId('item-findings')
      await box.waitFor()
      for (const f of journey.dataQuality.findings)
        assert.ok(
          (await box.innerText()).includes(findingTitle(f.flag)),
          `the page lists ${f.flag}`,
        )
      // the navigation reaches the page too
      await page.getByRole('navigation', { name: 'Views' }).getByText('Data quality').click()
      await page.waitForURL(/\/data-quality/)
      assert.deepEqual(problems, [], 'console errors or failed requests')
    } finally {
      await close()
    }
  },
}
