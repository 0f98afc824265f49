import { randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { TEST_MAPPING_YAML, testRecords } from '../api/api-test-fixture'
import { startFakeJira } from '../sources/jira/testing/fake-jira'
import { createPostgresTarget, TEST_DATABASE_URL } from '../store/testing/store-test-targets'
import { writeHistoryFixture } from './testing/run-cli'
import { cleanupAfterEach, spawnVmo } from './testing/spawn-vmo'
import { addFakeJiraArgs } from './testing/source-args'

const NO_STACK = /\n\s+at /
const DB_PASSWORD = 'SECRETPW'
const { cleanups, track } = cleanupAfterEach()

async function run(args: readonly string[], env: Record<string, string>) {
  const vmo = track(spawnVmo(args, { env }))
  const code = await vmo.exited
  return { code, output: vmo.stdout() + vmo.stderr(), stderr: vmo.stderr() }
}

/** Every secret of `secrets` found in `text`. */
const leaked = (text: string, secrets: readonly string[]) => secrets.filter((s) => text.includes(s))

describe('DATABASE_URL password', () => {
  test.each([
    ['in the user info', `postgres://u:${DB_PASSWORD}@127.0.0.1:1/x`],
    ['as a query parameter', `postgres://u@127.0.0.1:1/x?password=${DB_PASSWORD}`],
  ])(
    'is never printed when the database refuses the connection and the password is %s',
    async (_, url) => {
      for (const args of [['metrics'], ['serve', '--port', '0']]) {
        const result = await run(args, { DATABASE_URL: url })
        expect(result.code, args.join(' ')).toBe(1)
        expect(result.stderr).toMatch(/postgres store ".*127\.0\.0\.1:1\/x.*" is unavailable/)
        expect(result.output).not.toContain(DB_PASSWORD)
        expect(result.output).not.toMatch(NO_STACK)
      }
    },
  )
})

describe('a server and CLI run over PostgreSQL with a live source', () => {
  test('prints and answers none of the test secrets (DB password, tokens, secret key)', async () => {
    const fake = await startFakeJira({ deployment: 'cloud', sourceName: 'acme-jira' })
    cleanups.push(() => fake.close())
    await fake.createItems({ name: 'PAY', kind: 'project', value: 'PAY' }, 3)
    const target = await createPostgresTarget()
    cleanups.push(() => target.dispose())
    const url = new URL(TEST_DATABASE_URL)
    url.username ||= 'postgres'
    url.password = DB_PASSWORD // trust authentication: the server never asks for it
    url.searchParams.set('options', `-c search_path=${target.schema}`)
    const secretKey = randomBytes(32).toString('base64')
    const wrongToken = `wrong-${randomBytes(8).toString('hex')}`
    const secrets = [DB_PASSWORD, fake.token, secretKey, wrongToken]
    const env = { DATABASE_URL: url.toString(), OPENVMO_SECRET_KEY: secretKey }
    const { history, config } = writeHistoryFixture(testRecords(), {
      'openvmo.yaml': TEST_MAPPING_YAML,
    })

    const outputs: string[] = []
    const steps: [string[], Record<string, string>][] = [
      [['import', history, '--config', config], {}],
      [addFakeJiraArgs(fake, ['--store-token']), { JIRA_TOKEN: fake.token }],
      [['sync'], {}],
      [['source', 'list'], {}],
      [['source', 'test', 'acme-jira'], {}],
      [['backup', '--out', '/tmp/unused.db'], {}],
    ]
    for (const [args, extra] of steps) {
      const result = await run(args, { ...env, ...extra })
      outputs.push(`$ vmo ${args.join(' ')} → ${result.code}\n${result.output}`)
    }
    // A second source whose token (from the environment) the fake refuses: errors name no token.
    const refused = await run(
      [...addFakeJiraArgs(fake, ['--no-test']).map((a) => (a === 'acme-jira' ? 'bad-jira' : a))],
      { ...env, JIRA_TOKEN: wrongToken },
    )
    outputs.push(refused.output)
    const syncRefused = await run(['sync', '--source', 'bad-jira'], {
      ...env,
      JIRA_TOKEN: wrongToken,
    })
    expect(syncRefused.code).not.toBe(0)
    outputs.push(syncRefused.output)

    const server = track(
      spawnVmo(['serve', '--port', '0'], { env: { ...env, JIRA_TOKEN: wrongToken } }),
    )
    await server.waitFor('openvmo is serving')
    const base = /at (http:\/\/\S+)/.exec(server.stdout())?.[1] ?? ''
    const post = { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }
    const requests: [string, RequestInit?][] = [
      ['/api/v1/sources'],
      ['/api/v1/status'],
      ['/api/v1/value-streams'],
      ['/api/v1/items?q=PAY'],
      ['/api/openapi.json'],
      ['/api/v1/sources/bad-jira/test', post],
      ['/api/v1/sources/acme-jira/test', post],
      ['/api/v1/sources/bad-jira/sync', post],
      ['/api/v1/flow/aging?asOf=not-a-date'],
      [
        '/api/v1/mapping',
        { method: 'PUT', body: '{', headers: { 'content-type': 'application/json' } },
      ],
    ]
    for (const [path, init] of requests) {
      const res = await fetch(`${base}${path}`, init)
      outputs.push(`${res.status} ${path} ${JSON.stringify([...res.headers])}\n${await res.text()}`)
    }
    server.child.kill('SIGTERM')
    await server.exited
    outputs.push(server.stdout(), server.stderr())

    const all = outputs.join('\n')
    if (process.env.SHOW_RUN) console.log(all)
    expect(all).toContain('acme-jira') // the runs did happen
    expect(leaked(all, secrets)).toEqual([])
    expect(all).not.toMatch(NO_STACK)
  }, 120_000)
})
