import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import type { E2eTest } from './e2e-harness'
import { axeViolations, openPage, settle } from './e2e-harness'
import { serveRecords } from './hostile-server'
import type { OwnServer } from './hostile-server'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const VMO = join(ROOT, 'packages/server/bin/vmo.mjs')
/** The value stream of {@link MAPPING}. */
export const STREAM = 'Checkout'
const PASSWORD = 'e2e password, long enough'
const DAY = 86_400_000

/** 40 items of one project over the last 90 days: most done. */
export function records(nowMs: number): Record<string, unknown>[] {
  return Array.from({ length: 40 }, (_, i) => {
    const at = (ms: number) => new Date(ms).toISOString()
    const created = nowMs - (90 - i) * DAY
    const started = created + DAY
    const done = started + DAY * (2 + (i % 4))
    const finished = done < nowMs - DAY && i % 6 !== 0
    return {
      source: 'jira',
      key: `CHK-${i + 1}`,
      project: 'CHK',
      type: i % 4 === 0 ? 'Bug' : 'Story',
      title: `Checkout item ${i + 1}`,
      created: at(created),
      status: finished ? 'Done' : 'In Progress',
      changes: [
        { at: at(started), field: 'status', from: 'To Do', to: 'In Progress' },
        ...(finished ? [{ at: at(done), field: 'status', from: 'In Progress', to: 'Done' }] : []),
      ],
    }
  })
}

/** One value stream, {@link STREAM}, over project CHK. */
export const MAPPING = [
  'flowItems:',
  '  feature: [Story]',
  '  defect: [Bug]',
  'states:',
  '  new: [To Do]',
  '  active: [In Progress]',
  '  done: [Done]',
  'valueStreams:',
  `  - name: ${STREAM}`,
  '    match: { project: [CHK] }',
  '',
].join('\n')

/** `vmo user add` on the served store (the server asks the store on every request). */
function addUser(db: string, name: string): void {
  const added = spawnSync(
    process.execPath,
    [VMO, 'user', 'add', name, '--admin', '--password-stdin', '--db', db],
    { cwd: ROOT, input: `${PASSWORD}\n`, encoding: 'utf8' },
  )
  assert.equal(added.status, 0, `vmo user add failed: ${added.stderr}`)
}

/** A served store of its own with one admin account; the test stops it. */
async function serveWithAccount(): Promise<OwnServer> {
  const server = await serveRecords(records(Date.now()), MAPPING)
  addUser(server.db, 'ada')
  return server
}

async function signIn(
  page: Page,
  url: string,
  as: { password: string; name?: string },
): Promise<void> {
  await page.goto(url)
  await page.getByLabel('Name').fill(as.name ?? 'ada')
  await page.getByLabel('Password').fill(as.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** Signs in, sees the portfolio, creates a token on "Users & tokens" and uses it with fetch. */
const signInAndToken: E2eTest = {
  name: 'signs in, sees the portfolio, creates an API token and uses it with fetch',
  run: async (browser: Browser) => {
    const server = await serveWithAccount()
    const { page, problems, close } = await openPage(browser)
    try {
      const anonymous = await fetch(`${server.url}/api/v1/portfolio`)
      assert.equal(anonymous.status, 401)
      await page.goto(server.url)
      await page.getByRole('button', { name: 'Sign in' }).waitFor()
      assert.deepEqual(await axeViolations(page), [], 'accessibility violations on sign-in')
      await signIn(page, server.url, { password: PASSWORD })
      await page.getByRole('heading', { name: 'Portfolio' }).waitFor()
      await settle(page)
      assert.ok((await page.getByText(STREAM).count()) > 0, `the portfolio shows ${STREAM}`)
      await page.getByRole('button', { name: /^Account:/ }).click()
      await page.getByRole('menuitem', { name: 'Users & tokens' }).click()
      await page.getByRole('heading', { name: 'API tokens' }).waitFor()
      await page.getByLabel('Token name').fill('e2e script')
      await page.getByRole('button', { name: 'Create token' }).click()
      const secret = (await page.getByTestId('new-token-secret').innerText()).trim()
      assert.match(secret, /^vmo_[\w-]{43}$/)
      await settle(page)
      assert.match(await page.getByTestId('token-table').innerText(), /e2e script/)
      assert.match(await page.getByTestId('audit-table').innerText(), /token\.create/)
      assert.deepEqual(await axeViolations(page), [], 'accessibility violations on Users & tokens')
      // the token works from a script, without the browser's cookie
      const withToken = await fetch(`${server.url}/api/v1/portfolio?period=week`, {
        headers: { authorization: `Bearer ${secret}` },
      })
      assert.equal(withToken.status, 200)
      const body = (await withToken.json()) as { streams: { name: string }[] }
      assert.deepEqual(
        body.streams.map((s) => s.name),
        [STREAM],
      )
      // the page never holds the session cookie in script reach
      assert.equal(await page.evaluate(() => document.cookie), '')
      await page.getByRole('button', { name: /^Account:/ }).click()
      await page.getByRole('menuitem', { name: 'Sign out' }).click()
      await page.getByRole('button', { name: 'Sign in' }).waitFor()
      assert.deepEqual(
        problems.filter((p) => !/ 401 /.test(p)),
        [],
      )
    } finally {
      await close()
      server.stop()
    }
  },
}

/** A wrong password shows the API's message on the sign-in page, and no dashboard. */
const wrongPassword: E2eTest = {
  name: 'a wrong password shows an error on the sign-in page',
  run: async (browser: Browser) => {
    const server = await serveWithAccount()
    const { page, close } = await openPage(browser)
    try {
      await signIn(page, server.url, { password: 'not the password' })
      const alert = page.getByRole('alert')
      await alert.waitFor()
      assert.match(await alert.innerText(), /the name or password is wrong \(UNAUTHENTICATED\)/)
      assert.equal(await page.getByRole('heading', { name: 'Portfolio' }).count(), 0)
    } finally {
      await close()
      server.stop()
    }
  },
}

const OTHER_STREAM = 'Lending'

/** Checkout's items, Lending's items (titles the viewer must never see) and a cross-stream link. */
function twoStreamRecords(nowMs: number): Record<string, unknown>[] {
  const lending = records(nowMs).map((r, i) => ({
    ...r,
    key: `LND-${i + 1}`,
    project: 'LND',
    title: `Lending secret ${i + 1}`,
  }))
  const checkout = records(nowMs).map((r) =>
    r.key === 'CHK-1' ? { ...r, links: [{ type: 'is blocked by', target: 'LND-1' }] } : r,
  )
  return [...checkout, ...lending]
}

/** `vmo <args>` on the served store; fails the test when it fails. */
function vmo(args: string[], input?: string): void {
  const done = spawnSync(process.execPath, [VMO, ...args], { cwd: ROOT, input, encoding: 'utf8' })
  assert.equal(done.status, 0, `vmo ${args.join(' ')} failed: ${done.stderr}`)
}

/**
 * A viewer of one value stream: the portfolio shows only it, the search finds no item of the
 * other, a linked item of the other shows "restricted", and the mapping and sources are not
 * offered.
 */
const viewerOfOneStream: E2eTest = {
  name: 'a viewer of one value stream sees only that stream',
  run: async (browser: Browser) => {
    const mapping = `${MAPPING}  - name: ${OTHER_STREAM}\n    match: { project: [LND] }\n`
    const server = await serveRecords(twoStreamRecords(Date.now()), mapping)
    addUser(server.db, 'ada')
    vmo(['user', 'add', 'vic', '--password-stdin', '--db', server.db], `${PASSWORD}\n`)
    vmo(['user', 'grant', 'vic', 'viewer', '--stream', STREAM, '--db', server.db])
    const { page, problems, close } = await openPage(browser)
    try {
      await signIn(page, server.url, { password: PASSWORD, name: 'vic' })
      await page.getByRole('heading', { name: 'Portfolio' }).waitFor()
      await settle(page)
      const main = await page.locator('main').innerText()
      assert.ok(main.includes(STREAM), `the portfolio shows ${STREAM}`)
      assert.ok(!main.includes(OTHER_STREAM), `the portfolio does not show ${OTHER_STREAM}`)
      const views = await page.getByRole('navigation', { name: 'Views' }).innerText()
      assert.ok(!/Mapping|Sources/.test(views), `no mapping or sources for a viewer: ${views}`)
      // "1" is in keys and titles of both streams: only Checkout's are found
      await page.goto(`${server.url}/items?q=1`)
      await page.getByText('CHK-1', { exact: true }).first().waitFor()
      const hits = await page.locator('main').innerText()
      assert.ok(!hits.includes('LND-') && !hits.includes('Lending secret'), 'no Lending item')
      await page.goto(`${server.url}/items/jira/CHK-1`)
      await page.getByTestId('restricted-item').first().waitFor()
      const item = await page.locator('main').innerText()
      assert.ok(!item.includes('LND-1') && !item.includes('Lending secret'), 'no title or key')
      assert.deepEqual(await axeViolations(page), [], 'accessibility violations on the item page')
      assert.deepEqual(
        problems.filter((p) => !/ 401 /.test(p)),
        [],
      )
    } finally {
      await close()
      server.stop()
    }
  },
}

/**
 * An editor of one value stream opens its definition from the stream page, sees none of the
 * other stream, adds a team, previews (the stream's figures only) and saves the next version.
 */
const editorDefinesStream: E2eTest = {
  name: "an editor changes their value stream's definition",
  run: async (browser: Browser) => {
    const mapping = `${MAPPING}  - name: ${OTHER_STREAM}\n    match: { project: [LND] }\n`
    const server = await serveRecords(twoStreamRecords(Date.now()), mapping)
    addUser(server.db, 'ada')
    vmo(['user', 'add', 'eddie', '--password-stdin', '--db', server.db], `${PASSWORD}\n`)
    vmo(['user', 'grant', 'eddie', 'editor', '--stream', STREAM, '--db', server.db])
    const { page, problems, close } = await openPage(browser)
    try {
      await signIn(page, server.url, { password: PASSWORD, name: 'eddie' })
      await page.getByTestId('portfolio-stream').first().click()
      await page.getByRole('link', { name: 'Edit definition' }).click()
      const editor = page.getByTestId('stream-definition')
      await editor.waitFor()
      const before = await editor.inputValue()
      assert.match(before, /name: Checkout/)
      assert.ok(!before.includes(OTHER_STREAM) && !before.includes('LND'), 'no other stream')
      await editor.fill(`${before.trimEnd()}\nteams:\n  - name: checkout-core\n`)
      await page.getByRole('button', { name: 'Preview' }).click()
      const preview = page.getByTestId('mapping-preview')
      await preview.getByText('valid').waitFor()
      assert.ok(!(await preview.innerText()).includes(OTHER_STREAM), 'the preview is Checkout only')
      await page.getByRole('button', { name: 'Save as the next mapping version' }).click()
      await page.getByText('Saved as mapping version 2').waitFor()
      assert.deepEqual(await axeViolations(page), [], 'accessibility violations on the definition')
      const saved = spawnSync(process.execPath, [VMO, 'map', 'show', '--db', server.db], {
        cwd: ROOT,
        encoding: 'utf8',
      })
      assert.match(saved.stdout, /- name: checkout-core\s+stream: Checkout/)
      assert.match(saved.stdout, /name: Lending\s+match: \{ ?project: \[LND\] ?\}/)
      assert.deepEqual(
        problems.filter((p) => !/ 401 /.test(p)),
        [],
      )
    } finally {
      await close()
      server.stop()
    }
  },
}

/** The sign-in tests, each on a server of its own. */
export const authTests: E2eTest[] = [
  signInAndToken,
  wrongPassword,
  viewerOfOneStream,
  editorDefinesStream,
]
