import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import type { E2eTest } from './e2e-harness'
import { axeViolations, openPage, settle } from './e2e-harness'
import { serveRecords } from './hostile-server'
import { MAPPING, STREAM, records } from './auth.e2e'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const VMO = join(ROOT, 'packages/server/bin/vmo.mjs')
const SECRET = 'e2e client secret of the test provider'

/** The auth configuration of `vmo serve --auth-config`: editors of the stream by group. */
function authConfig(issuer: string): string {
  return [
    'auth:',
    '  oidc:',
    `    issuer: ${issuer}`,
    '    clientId: openvmo-e2e',
    '    displayName: Test IdP',
    '    roles:',
    '      admin: [vmo-admins]',
    '      streams:',
    `        ${STREAM}: { editor: [checkout-team], viewer: [staff] }`,
    '',
  ].join('\n')
}

/** `vmo serve` of `db` on `port` with the provider configured; resolves once it listens. */
function serveWithOidc(db: string, at: { port: number; config: string }): Promise<ChildProcess> {
  const url = `http://127.0.0.1:${at.port}`
  const args = [
    ...[VMO, 'serve', '--db', db, '--port', String(at.port), '--public-url', url],
    ...['--auth-config', at.config, '--web', join(ROOT, 'packages/web/dist')],
  ]
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, OPENVMO_OIDC_CLIENT_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('sign-in required')) resolve(child)
    })
    child.on('exit', (code) => reject(new Error(`vmo serve exited with ${code}: ${output}`)))
  })
}

/**
 * Signs in through a real OpenID provider (`oidc-provider`, started here): "Sign in with Test
 * IdP", the provider's own login form, back on the portfolio as an editor of the stream.
 */
const signInWithProvider: E2eTest = {
  name: 'signs in through an OpenID provider and lands on the portfolio with the role of its group',
  run: async (browser: Browser) => {
    // loaded here: oidc-provider prints its development warnings when loaded
    const { freePort, startTestOidcProvider } =
      await import('../../server/src/api/auth/oidc-test-provider')
    // a store of its own with the mapping saved (by a plain server, in single-user mode)
    const plain = await serveRecords(records(Date.now()), MAPPING)
    const port = await freePort()
    const provider = await startTestOidcProvider({
      clientId: 'openvmo-e2e',
      clientSecret: SECRET,
      redirectUris: [`http://127.0.0.1:${port}/api/v1/auth/oidc/callback`],
      accounts: { grace: { name: 'Grace Hopper', groups: ['checkout-team', 'staff'] } },
    })
    const config = join(dirname(plain.db), 'auth.yaml')
    writeFileSync(config, authConfig(provider.issuer))
    let child: ChildProcess | undefined
    const failures: string[] = []
    const { page, problems, close } = await openPage(browser)
    try {
      child = await serveWithOidc(plain.db, { port, config })
      const url = `http://127.0.0.1:${port}`
      assert.equal((await fetch(`${url}/api/v1/portfolio`)).status, 401)
      await page.route(
        (u) => u.hostname !== '127.0.0.1',
        (route) => route.abort(),
      )
      page.on('requestfailed', (r) => failures.push(`${r.url()} failed`))
      page.on('response', (r) => {
        if (r.status() >= 400) failures.push(`${r.url()} ${r.status()}`)
      })
      await page.goto(url)
      const button = page.getByRole('link', { name: 'Sign in with Test IdP' })
      await button.waitFor()
      assert.equal(await page.getByLabel('Password').count(), 0, 'no local form without accounts')
      assert.deepEqual(await axeViolations(page), [], 'accessibility violations on sign-in')
      await button.click()
      // the provider's own login page
      await page.locator('input[name="login"]').fill('grace')
      await page.locator('input[name="password"]').fill('any password')
      await page.getByRole('button', { name: 'Sign-in' }).click()
      await page.getByRole('heading', { name: 'Portfolio' }).waitFor()
      await settle(page)
      assert.ok((await page.getByText(STREAM).count()) > 0, `the portfolio shows ${STREAM}`)
      await page.getByRole('button', { name: 'Account: Grace Hopper' }).waitFor()
      const me = await page.evaluate(
        async () =>
          (await (await fetch('/api/v1/auth/me')).json()) as {
            name: string
            admin: boolean
            grants: unknown
          },
      )
      assert.deepEqual(
        { name: me.name, admin: me.admin, grants: me.grants },
        { name: 'grace', admin: false, grants: [{ stream: STREAM, role: 'editor' }] },
      )
      assert.equal(await page.evaluate(() => document.cookie), '', 'the session cookie is HttpOnly')
      // the provider's development login page asks for a web font (blocked: nothing leaves this
      // machine) and a favicon it lacks: only openvmo's own requests and the page's errors count
      assert.deepEqual(
        failures.filter((f) => f.startsWith(url) && !/ 401$/.test(f)),
        [],
      )
      assert.deepEqual(
        problems.filter((p) => !p.startsWith('console error: Failed to load resource')),
        [],
      )
    } finally {
      await close()
      child?.kill('SIGTERM')
      await provider.close()
      plain.stop()
    }
  },
}

/** The OpenID sign-in tests, each with a provider and a server of its own. */
export const oidcTests: E2eTest[] = [signInWithProvider]
