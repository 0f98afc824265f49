import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import type {
  AgingWipResponse,
  MappingResponse,
  MappingSuggestionResponse,
  PortfolioResponse,
  TimeInStateResponse,
} from '../src/api/types'
import { noticeSentence } from '../src/components/DataNotices'
import { formatCount, formatDays, formatNumber, formatPercent } from '../src/format/numbers'
import type { E2eTest } from './e2e-harness'
import { axeViolations, openPage, screenshot, settle } from './e2e-harness'
import { serve } from './hostile-server'
import { clippedTexts } from './truth.e2e'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const VMO = join(ROOT, 'packages/server/bin/vmo.mjs')

/** The day the archive's data ends: the last resolution. */
const DATA_END = '2019-11-06'

/**
 * A Jira CSV archive as real ones come: created and resolved dates, no status history, a
 * resolution column. 40 resolved items (every fifth Won't Fix) and 6 still open, in 2019.
 */
function archiveCsv(): string {
  const rows = ['key,issue_type,summary,project,status,created,resolutiondate,resolution']
  const at = (day: number) => new Date(Date.UTC(2019, 0, 1 + day, 9)).toISOString()
  for (let n = 0; n < 46; n++) {
    const type = ['Bug', 'Story', 'Improvement', 'Task'][n % 4]
    const project = n % 3 === 0 ? 'OPS' : 'ARC'
    const created = at(n * 6)
    if (n < 40) {
      const resolved = n === 39 ? `${DATA_END}T09:00:00.000Z` : at(n * 6 + 3 + (n % 9) * 2)
      const resolution = n % 5 === 0 ? "Won't Fix" : 'Fixed'
      const status = n % 5 === 0 ? 'Resolved' : 'Closed'
      rows.push(
        `${project}-${n},${type},Archived ${n},${project},${status},${created},${resolved},${resolution}`,
      )
    } else {
      rows.push(`${project}-${n},${type},Open ${n},${project},In Progress,${created},,`)
    }
  }
  return `${rows.join('\n')}\n`
}

interface Served {
  url: string
  get<T>(path: string): Promise<T>
  stop(): void
}

/** Serves a fresh store: empty, or with the archive imported (and no mapping). */
async function serveStore(content: 'empty' | 'archive'): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'openvmo-e2e-workbench-'))
  const db = join(dir, 'store.db')
  const args =
    content === 'empty'
      ? [join(dir, 'none.ndjson'), '--format', 'ndjson']
      : [
          join(dir, 'issues.csv'),
          '--source',
          'jira',
          '--columns',
          'type=issue_type,title=summary,resolved=resolutiondate',
        ]
  writeFileSync(join(dir, 'none.ndjson'), '')
  writeFileSync(join(dir, 'issues.csv'), archiveCsv())
  const imported = spawnSync(process.execPath, [VMO, 'import', ...args, '--db', db], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  if (imported.status !== 0) throw new Error(`vmo import failed: ${imported.stderr}`)
  const { child, url } = await serve(db)
  return {
    url,
    async get<T>(path: string) {
      const response = await fetch(`${url}${path}`)
      if (!response.ok) throw new Error(`${path} answered ${response.status}`)
      return (await response.json()) as T
    },
    stop() {
      child.kill('SIGTERM')
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** No text cut off, nothing wider than the screen, no accessibility violation at both widths. */
async function readableAtBothWidths(page: Page, what: string) {
  for (const width of [390, 1440]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 })
    await settle(page)
    assert.deepEqual(await clippedTexts(page), [], `clipped text on ${what} at ${width} px`)
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    assert.equal(overflow, 0, `${what} runs off a ${width} px screen`)
    assert.deepEqual(await axeViolations(page), [], `accessibility violations on ${what}`)
  }
}

async function pick(page: Page, label: string | RegExp, option: string | RegExp) {
  await page.getByRole('textbox', { name: label }).click()
  await page.getByRole('option', { name: option }).first().click()
}

const emptyStore: E2eTest = {
  name: 'workbench on an empty store: nothing to map yet, and how to import',
  run: async (browser: Browser) => {
    const server = await serveStore('empty')
    const { page, problems, close } = await openPage(browser)
    try {
      await page.goto(`${server.url}/mapping`)
      await settle(page)
      await page.getByText('Nothing to map yet').waitFor()
      const how = await page.getByTestId('nothing-to-map').innerText()
      assert.match(how, /vmo import history\.ndjson/)
      assert.equal(await page.getByText('all mapped').count(), 0, 'no "all mapped" on no data')
      assert.equal(await page.getByRole('table').count(), 0, 'no empty tables')
      await readableAtBothWidths(page, '/mapping on an empty store')
      await screenshot(page, 'mapping-empty')
      assert.deepEqual(problems, [])
      // Elsewhere a banner says the same (the figures themselves answer 422: no mapping).
      await page.goto(`${server.url}/`)
      await settle(page)
      assert.match(
        await page.getByTestId('data-banner').innerText(),
        /The store holds no work items yet/,
      )
    } finally {
      await close()
      server.stop()
    }
  },
}

const firstMapping: E2eTest = {
  name: 'workbench on an imported store: from the suggestions to a saved first mapping, then metrics on the overview',
  run: async (browser: Browser) => {
    const server = await serveStore('archive')
    const { page, problems, close } = await openPage(browser)
    try {
      const suggestion = await server.get<MappingSuggestionResponse>('/api/v1/mapping/suggestion')
      await page.goto(`${server.url}/`)
      await settle(page)
      assert.match(
        await page.getByTestId('data-banner').innerText(),
        /46 work items, no mapping yet/,
      )
      // Until a mapping is saved, the overview's figures answer 422 (INVALID_CONFIG: no mapping),
      // shown as its error; from here on, nothing may fail.
      problems.length = 0
      await page.getByRole('link', { name: /Start from the suggestions/ }).click()
      await settle(page)
      await page.getByTestId('first-mapping').waitFor()
      // Every value of the data shows the suggestion of `vmo map suggest`, preselected.
      const shown = await page.getByTestId('suggested').allInnerTexts()
      const byName = (v: { suggested: string; by: string }) =>
        `${v.suggested} · ${v.by === 'name' ? 'by name' : v.by}`
      assert.deepEqual(
        [...shown].sort(),
        [...suggestion.types, ...suggestion.statuses].map(byName).sort(),
      )
      for (const s of suggestion.statuses) {
        const input = page.getByRole('textbox', { name: `Tool state ${s.name} maps to` })
        assert.equal(await input.inputValue(), s.suggested, `${s.name} preselected`)
      }
      // Improve one: Improvement is debt here.
      await pick(page, 'Artifact type Improvement maps to', 'debt')
      // A value stream per project, and Won't Fix resolutions are canceled, not done.
      await page.getByRole('textbox', { name: 'Stream name' }).fill('Archive')
      await pick(page, 'Stream: field', 'project')
      await pick(page, 'Stream: is one of', /^ARC/)
      await page.keyboard.press('Escape')
      await page.getByRole('button', { name: 'Add value stream' }).click()
      await pick(page, 'Rule: field', 'resolution')
      await pick(page, 'Rule: is one of', /^Won't Fix/)
      await page.keyboard.press('Escape')
      await pick(page, 'And tool states', 'Resolved')
      await page.keyboard.press('Escape')
      await pick(page, 'Become flow state', 'canceled')
      await page.getByRole('button', { name: 'Add rule' }).click()
      await page.getByText("When resolution is Won't Fix: Resolved → canceled").waitFor()
      await page.getByRole('button', { name: 'Save the first version' }).isDisabled()
      await page.getByRole('button', { name: 'Preview' }).click()
      const panel = page.getByTestId('mapping-preview')
      await panel.waitFor({ timeout: 30_000 })
      await settle(page)
      assert.match(await panel.innerText(), /valid/i)
      assert.match(await panel.innerText(), /Aug 2019 – \d+ Nov 2019/)
      assert.match(await panel.innerText(), /Archive/)
      await readableAtBothWidths(page, '/mapping with suggestions')
      await screenshot(page, 'mapping-first')
      await page.getByRole('button', { name: 'Save the first version' }).click()
      await page.getByTestId('mapping-saved').waitFor()
      const saved = await server.get<MappingResponse>('/api/v1/mapping')
      assert.equal(saved.version, 1)
      assert.deepEqual(saved.parsed?.rules, [
        { when: { resolution: ["Won't Fix"] }, states: { Resolved: 'canceled' } },
      ])
      assert.deepEqual(saved.parsed?.valueStreams, [
        { name: 'Archive', match: { project: ['ARC'] } },
      ])
      assert.deepEqual((saved.parsed?.flowItems as Record<string, string[]>).debt, ['Improvement'])
      assert.equal(saved.unmapped?.items, 0)
      // The overview: the data ends in 2019, so the dashboard offers that day as the as-of date.
      await page.getByRole('link', { name: 'See the overview' }).click()
      await settle(page)
      assert.match(
        await page.getByTestId('data-banner').innerText(),
        new RegExp(`The data ends on ${DATA_END}`),
      )
      await page.getByRole('button', { name: `Show as of ${DATA_END}` }).click()
      await settle(page)
      assert.equal(new URL(page.url()).searchParams.get('asOf'), DATA_END)
      assert.equal(await page.getByTestId('data-banner').count(), 0)
      const data = await server.get<PortfolioResponse>(
        `/api/v1/portfolio?period=week&asOf=${DATA_END}T23:59:59Z`,
      )
      assert.deepEqual(
        data.streams.map((s) => s.name),
        ['Archive'],
      )
      const expected = data.streams.flatMap((s) => [
        formatCount(s.lastPeriod?.velocity.total),
        formatDays(s.lastPeriod?.flowTime?.p50),
        formatPercent(s.lastPeriod?.flowEfficiency.pooled),
        formatNumber(s.lastPeriod?.flowLoad.average),
      ])
      assert.deepEqual(await page.getByTestId('portfolio-figure').allInnerTexts(), expected)
      assert.deepEqual(problems, [])
    } finally {
      await close()
      server.stop()
    }
  },
}

const withoutHistory: E2eTest = {
  name: 'data without history: empty views say why, and the as-of date is offered',
  run: async (browser: Browser) => {
    const server = await serveStore('archive')
    const { page, problems, close } = await openPage(browser)
    try {
      const suggestion = await server.get<MappingSuggestionResponse>('/api/v1/mapping/suggestion')
      const put = await fetch(`${server.url}/api/v1/mapping`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'if-match': '"0"' },
        body: JSON.stringify({ yaml: suggestion.yaml }),
      })
      assert.equal(put.status, 200, await put.text())
      await page.goto(`${server.url}/flow`)
      await settle(page)
      const now = await server.get<TimeInStateResponse>('/api/v1/flow/time-in-state')
      assert.equal(now.notices[0]?.code, 'NO_COMPLETED_ITEMS')
      const reasons = await page.getByTestId('empty-reason').allInnerTexts()
      assert.equal(reasons[0], noticeSentence(now.notices[0]?.message ?? ''))
      const aging = await server.get<AgingWipResponse>('/api/v1/flow/aging')
      assert.ok(aging.items.length > 0)
      const agingNotice = aging.notices.find((n) => n.code === 'DATA_ENDS_BEFORE_AS_OF')
      assert.ok(agingNotice, 'the API says ages run to an as-of date long after the data')
      await page.getByText(noticeSentence(agingNotice.message)).waitFor()
      await readableAtBothWidths(page, '/flow on data without history, as of today')
      // Set the as-of date the view offers: the last completions show, without their history.
      await page
        .getByRole('button', { name: `Set the as-of date to ${DATA_END}` })
        .first()
        .click()
      await settle(page)
      assert.equal(new URL(page.url()).searchParams.get('asOf'), DATA_END)
      const then = await server.get<TimeInStateResponse>(
        `/api/v1/flow/time-in-state?asOf=${DATA_END}T23:59:59Z`,
      )
      assert.ok(then.completedItems > 0)
      assert.equal(then.completedWithoutStatusHistory, then.completedItems)
      assert.equal(then.notices[0]?.code, 'NO_STATUS_HISTORY')
      const shownNotice = noticeSentence(then.notices[0]?.message ?? '')
      assert.match(shownNotice, /import the changelog/)
      await page.getByText(shownNotice).first().waitFor()
      // No header-only bottleneck table: it says why it is empty.
      assert.match(
        await page.getByTestId('no-bottlenecks').innerText(),
        /(has|have) no status change between created and resolved\. Import the changelog/,
      )
      const agingThen = await server.get<AgingWipResponse>(
        `/api/v1/flow/aging?asOf=${DATA_END}T23:59:59Z`,
      )
      assert.deepEqual(agingThen.notices, [])
      assert.ok(Math.max(...agingThen.items.map((i) => i.ageDays)) < 100)
      await readableAtBothWidths(page, '/flow on data without history, as of its end')
      await screenshot(page, 'flow-without-history')
      assert.deepEqual(problems, [])
    } finally {
      await close()
      server.stop()
    }
  },
}

/** The workbench from an empty and an imported store, and views of data without history. */
export const workbenchTests: E2eTest[] = [emptyStore, firstMapping, withoutHistory]
