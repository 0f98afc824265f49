import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, test } from 'vitest'
import { createPostgresTarget, TEST_DATABASE_URL } from '../store/testing/store-test-targets'
import type { PostgresTestStoreOptions } from '../store/testing/postgres-faults'
import {
  adminQuery,
  openPostgresTestStore,
  terminateBackends,
  uniqueApplicationName,
} from '../store/testing/postgres-faults'
import { startTcpProxy } from '../store/testing/tcp-proxy'
import { TEST_MAPPING_YAML, TEST_NOW, testRecords } from './api-test-fixture'
import { createApp } from './create-app'
import { startServer } from './serve'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Routes that read the store on every request, and one answered from the loaded snapshot. */
const PATHS = [
  '/api/v1/mapping',
  '/api/v1/sources',
  '/api/v1/items?q=PAY',
  '/api/v1/products',
  '/api/v1/metrics?from=2024-01-01&to=2024-04-01',
]

interface Answer {
  status: number
  retryAfter: string | null
  body: { error?: { code: string; message: string } }
}

async function ask(base: string, path: string): Promise<Answer> {
  const res = await fetch(`${base}${path}`)
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as Answer['body'],
  }
}

/** Serves the API over a PostgreSQL store (opened with `options`) holding the test data. */
async function serve(options: Omit<Partial<PostgresTestStoreOptions>, 'applicationName'> = {}) {
  let schema = options.schema
  if (!options.url && !schema) {
    const target = await createPostgresTarget()
    cleanups.push(() => target.dispose())
    schema = target.schema
  }
  const applicationName = uniqueApplicationName()
  const store = await openPostgresTestStore({ ...options, schema, applicationName })
  cleanups.push(() => store.close())
  await store.importRecords(testRecords())
  await store.saveMappingVersion(TEST_MAPPING_YAML)
  const server = await startServer({
    app: createApp({ store, clock: () => TEST_NOW, loopback: true }),
    port: 0,
  })
  cleanups.push(() => server.close(100))
  return { base: server.url, applicationName, store }
}

/** Four clients asking {@link PATHS} in turn until stopped; every answer is kept. */
function startLoad(base: string) {
  const answers: Answer[] = []
  let running = true
  const client = async (offset: number) => {
    for (let n = offset; running; n++) answers.push(await ask(base, PATHS[n % PATHS.length] ?? ''))
  }
  const clients = Promise.all([0, 1, 2, 3].map(client))
  return {
    answers,
    /** Waits until `count` more answers came in. */
    async more(count: number) {
      const until = answers.length + count
      while (answers.length < until) await sleep(5)
    },
    async stop() {
      running = false
      await clients
      return answers
    },
  }
}

/** Asserts each answer is 200, or 503 STORE_UNAVAILABLE with Retry-After in the error format. */
function expectOkOrUnavailable(answers: readonly Answer[], where: string) {
  for (const answer of answers) {
    if (answer.status === 200) continue
    expect(answer.status, JSON.stringify(answer)).toBe(503)
    expect(answer.retryAfter).toBe('5')
    expect(answer.body.error?.code).toBe('STORE_UNAVAILABLE')
    expect(answer.body.error?.message).toContain(where)
  }
}

/** Asks `path` until it answers 200 (at most `tries` times), returning every answer. */
async function untilOk(base: string, path: string, tries = 200): Promise<Answer[]> {
  const answers: Answer[] = []
  for (let n = 0; n < tries; n++) {
    answers.push(await ask(base, path))
    if (answers.at(-1)?.status === 200) return answers
    await sleep(50)
  }
  throw new Error(`${path} never answered 200: ${JSON.stringify(answers.at(-1))}`)
}

describe('the api over a postgres store that fails', () => {
  test('keeps answering 200 or 503 with Retry-After when its backends are terminated during a load', async () => {
    const { base, applicationName } = await serve()
    const load = startLoad(base)
    await load.more(20)
    for (let round = 0; round < 3; round++) {
      expect(await terminateBackends(applicationName)).toBeGreaterThan(0)
      await load.more(20)
    }
    const answers = await load.stop()
    expectOkOrUnavailable(answers, 'is unavailable')
    for (const path of PATHS) expectOkOrUnavailable(await untilOk(base, path), 'is unavailable')
  })

  test('answers 503 when the database is away during a load, and 200 once it is back', async () => {
    const upstream = new URL(TEST_DATABASE_URL)
    const proxy = await startTcpProxy({
      host: upstream.hostname,
      port: Number(upstream.port || 5432),
    })
    cleanups.push(() => proxy.close())
    const url = new URL(TEST_DATABASE_URL)
    url.port = String(proxy.port)
    const { base, store } = await serve({ url: url.toString(), schema: await freshSchema() })
    const load = startLoad(base)
    await load.more(20)
    await proxy.stop()
    const whileDown = load.answers.length
    await load.more(40)
    await proxy.start()
    await load.more(20)
    const answers = await load.stop()
    expectOkOrUnavailable(answers, `127.0.0.1:${proxy.port}`)
    const down = answers.slice(whileDown + 8, whileDown + 40)
    expect(down.filter((a) => a.status === 503).length).toBeGreaterThan(0)
    for (const path of PATHS) await untilOk(base, path)
    expect((await store.countItems()).items).toBe(testRecords().length)
  })

  test('retries loading the data when the first load failed', async () => {
    const upstream = new URL(TEST_DATABASE_URL)
    const proxy = await startTcpProxy({
      host: upstream.hostname,
      port: Number(upstream.port || 5432),
    })
    cleanups.push(() => proxy.close())
    const url = new URL(TEST_DATABASE_URL)
    url.port = String(proxy.port)
    const { base } = await serve({ url: url.toString(), schema: await freshSchema() })
    await proxy.stop()
    const metrics = PATHS[4] ?? ''
    const failed = await ask(base, metrics)
    expect(failed.status).toBe(503)
    expect(failed.body.error?.code).toBe('STORE_UNAVAILABLE')
    await proxy.start()
    await untilOk(base, metrics)
  })

  test('answers 503 naming the database when it does not exist', async () => {
    const name = `openvmo_t_${randomBytes(6).toString('hex')}`
    await adminQuery(`create database ${name}`)
    cleanups.push(() => adminQuery(`drop database if exists ${name} with (force)`))
    const url = new URL(TEST_DATABASE_URL)
    url.pathname = `/${name}`
    const { base } = await serve({ url: url.toString() })
    await untilOk(base, '/api/v1/mapping')
    await adminQuery(`drop database ${name} with (force)`)
    const answers: Answer[] = []
    for (let n = 0; n < 100; n++) {
      answers.push(await ask(base, PATHS[n % 4] ?? ''))
      if (answers.at(-1)?.body.error?.message.includes('does not exist')) break
    }
    expectOkOrUnavailable(answers, `/${name}`)
    expect(answers.at(-1)?.body.error?.message).toContain(`database "${name}" does not exist`)
  })
})

async function freshSchema(): Promise<string> {
  const target = await createPostgresTarget()
  cleanups.push(() => target.dispose())
  return target.schema
}
