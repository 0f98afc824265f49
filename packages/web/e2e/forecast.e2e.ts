import assert from 'node:assert/strict'
import type {
  ItemJourneyResponse,
  ItemSearchResponse,
  ItemSetForecastResponse,
} from '../src/api/types'
import { formatDate, formatPercent } from '../src/format/numbers'
import { answeredAt } from '../src/format/calibration'
import type { E2eTest } from './e2e-harness'
import { BASE_URL, api, axeViolations, openPage, screenshot, settle, texts } from './e2e-harness'

type Journey = ItemJourneyResponse
const journeyPath = (s: { source: string; key: string }) =>
  `/items/${encodeURIComponent(s.source)}/${encodeURIComponent(s.key)}`

/** A ServiceNow request of the demo whose forecast is rolled up from the work delivering it. */
async function rolledUpRequest(): Promise<Journey> {
  const hits = await api<ItemSearchResponse>('/api/v1/items?q=REQ00&limit=500')
  const open = hits.items.filter(
    (h) => h.type === 'Request' && !['Closed', 'Resolved', 'Cancelled'].includes(h.status),
  )
  for (const hit of open.slice(0, 80)) {
    const journey = await api<Journey>(`/api/v1${journeyPath(hit)}`)
    if (journey.forecast.kind === 'forecast' && journey.forecast.basis === 'roll_up') return journey
  }
  throw new Error('no request of the demo has open delivering work')
}

const date85 = (forecast: Journey['forecast']) =>
  forecast.kind === 'forecast' ? forecast.confidence.find((c) => c.level === 0.85)?.date : null

const requestRollUp: E2eTest = {
  name: "a request's page shows the date rolled up from its delivering work and what it waits on",
  run: async (browser) => {
    const journey = await rolledUpRequest()
    const { page, problems, close } = await openPage(browser)
    try {
      await page.goto(`${BASE_URL}${journeyPath(journey.item)}`)
      await page.getByTestId('roll-up').waitFor()
      await settle(page)
      const table = await page.getByTestId('forecast-table').innerText()
      assert.ok(table.includes(formatDate(date85(journey.forecast))), table)
      const rollUp = journey.forecast.kind === 'forecast' ? journey.forecast.rollUp : null
      const waits = await page.getByTestId('roll-up').innerText()
      assert.ok(rollUp && waits.includes(rollUp.critical), waits)
      assert.match(waits, /critical/i)
      await screenshot(page, 'item-request-roll-up')
      assert.deepEqual(await axeViolations(page), [])
      assert.deepEqual(problems, [])
    } finally {
      await close()
    }
  },
}

const setForecast: E2eTest = {
  name: 'the set forecast shows the date, the burn-up and a clear message when nothing matches',
  run: async (browser) => {
    const journey = await rolledUpRequest()
    const epic = `${journey.item.source}:${journey.item.key}`
    const expected = await api<ItemSetForecastResponse>(
      `/api/v1/forecasts/set?epic=${encodeURIComponent(epic)}`,
    )
    const { page, problems, close } = await openPage(browser)
    try {
      await page.goto(`${BASE_URL}/forecast/set?epic=${encodeURIComponent(epic)}`)
      await page.getByTestId('set-summary').waitFor()
      await settle(page)
      const table = await page.getByTestId('forecast-table').innerText()
      assert.ok(table.includes(formatDate(date85(expected.forecast))), table)
      await page.getByText('Burn-up of the set').first().waitFor()
      await screenshot(page, 'set-forecast')
      assert.deepEqual(await axeViolations(page), [])
      await page.goto(`${BASE_URL}/forecast/set?label=no-such-label`)
      await page.getByText('no item matches the set label "no-such-label"').first().waitFor()
      assert.deepEqual(
        problems.filter((p) => !p.includes('404')),
        [],
      )
    } finally {
      await close()
    }
  },
}

/**
 * An open item of the demo held up by an open blocker (the demo's cross-team blocks): items in a
 * Blocked status first, then any open item (which ones are blocked depends on the day the demo
 * was generated for).
 */
async function blockedItem(): Promise<Journey> {
  const open: ItemSearchResponse['items'] = []
  for (const q of ['PAY', 'CHK', 'FRD', 'LND', 'ONB']) {
    const hits = await api<ItemSearchResponse>(`/api/v1/items?q=${q}&state=open&limit=500`)
    open.push(...hits.items)
  }
  const blockedFirst = [...open].sort(
    (a, b) => Number(b.status === 'Blocked') - Number(a.status === 'Blocked'),
  )
  for (const hit of blockedFirst.slice(0, 300)) {
    const journey = await api<Journey>(`/api/v1${journeyPath(hit)}`)
    if (journey.waitsOn?.blockers.some((b) => b.open)) return journey
  }
  throw new Error('no open item of the demo is held up by an open blocker')
}

const waitsOn: E2eTest = {
  name: 'an item in progress says what it waits on: its status, the days in it and its blockers',
  run: async (browser) => {
    const journey = await blockedItem()
    const waits = journey.waitsOn
    assert.ok(waits)
    const { page, problems, close } = await openPage(browser)
    try {
      await page.goto(`${BASE_URL}${journeyPath(journey.item)}`)
      const card = page.getByTestId('waits-on')
      await card.waitFor()
      await settle(page)
      const text = await card.innerText()
      assert.match(text, new RegExp(`In ${waits.status ?? ''}`))
      for (const blocker of waits.blockers) assert.ok(text.includes(blocker.key), text)
      assert.match(text, /Held up by \d+ open item/)
      // Its forecast shows how often such answers came true and the calibrated quantile.
      const forecast = journey.forecast
      if (forecast.kind === 'forecast' && forecast.basis !== 'roll_up') {
        assert.ok(forecast.calibration, 'a single-item forecast carries its calibration')
        const shown = forecast.calibration.levels.filter((l) => [0.5, 0.85, 0.95].includes(l.level))
        assert.deepEqual(
          await texts(page, 'item-calibration-hit-rate'),
          shown.map((l) => formatPercent(l.hitRate)),
        )
        assert.deepEqual(
          await texts(page, 'item-calibration-level'),
          shown.map((l) => answeredAt(l.adjustedLevel)),
        )
      }
      await card.scrollIntoViewIfNeeded()
      await screenshot(page, 'item-waits-on')
      assert.deepEqual(await axeViolations(page), [])
      await card.getByRole('link').first().click()
      await page.waitForURL((url) => url.pathname !== journeyPath(journey.item))
      assert.deepEqual(problems, [])
    } finally {
      await close()
    }
  },
}

/** The browser tests of forecasts: a request's roll-up, a set and what an item waits on. */
export const forecastTests: E2eTest[] = [requestRollUp, setForecast, waitsOn]
