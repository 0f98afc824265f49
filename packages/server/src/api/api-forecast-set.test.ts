import { describe, expect, test } from 'vitest'
import { makeWorkItem } from '@openvmo/core'
import { createTestApp, TEST_MAPPING_YAML, testRecords } from './api-test-fixture'
import { runCli, writeHistoryFixture } from '../cli/testing/run-cli'
import { openStore } from '../store/open-store'

const AS_OF = '2024-02-15T00:00:00.000Z'

async function get(path: string) {
  const { app } = await createTestApp()
  const res = await app.request(path)
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe('GET /api/v1/forecasts/set', () => {
  test('forecasts a list of keys from their open work, with the burn-up of the set', async () => {
    const keys = 'PAY-14,jira:PAY-15,PAY-16,PAY-3'
    const { status, body } = await get(`/api/v1/forecasts/set?keys=${keys}&asOf=${AS_OF}`)
    expect(status).toBe(200)
    // PAY-16 was created after the as-of time: not in the set yet.
    expect(body.set).toEqual({ matched: 3, open: 2, done: 1 })
    expect(body.forecast).toMatchObject({ kind: 'forecast', basis: 'roll_up' })
    const burnUp = body.burnUp as { date: string; done: number; total: number }[]
    expect(burnUp.at(-1)).toEqual({ date: '2024-02-15', done: 1, total: 3 })
    expect(burnUp.every((p, k) => k === 0 || p.done >= (burnUp[k - 1]?.done ?? 0))).toBe(true)
  })

  test('answers 404 in the one error format when nothing matches, naming the set', async () => {
    const { status, body } = await get('/api/v1/forecasts/set?label=nope')
    expect(status).toBe(404)
    expect(body).toEqual({
      error: { code: 'NOT_FOUND', message: 'no item matches the set label "nope"' },
    })
    expect((await get('/api/v1/forecasts/set?keys=NOPE-1')).body).toEqual({
      error: { code: 'NOT_FOUND', message: 'item "NOPE-1" is not in the data' },
    })
  })

  test('answers 422 with the reason when the open items have too little history', async () => {
    const { status, body } = await get('/api/v1/forecasts/set?keys=PAY-21,PAY-22')
    expect(status).toBe(422)
    expect(body).toMatchObject({
      error: {
        code: 'INSUFFICIENT_DATA',
        message: expect.stringMatching(/^cannot forecast the set: /),
      },
    })
  })

  test('answers 400 without a criterion', async () => {
    const { status, body } = await get('/api/v1/forecasts/set')
    expect(status).toBe(400)
    expect(body).toMatchObject({ error: { code: 'INVALID_INPUT' } })
  })
})

describe('vmo forecast set', () => {
  const files = () => {
    const { history, dir } = writeHistoryFixture(testRecords(), {
      'openvmo.yaml': TEST_MAPPING_YAML,
    })
    return ['--input', history, '--config', `${dir}/openvmo.yaml`, '--as-of', AS_OF]
  }

  test('prints the same JSON as the API (without asOf)', async () => {
    const keys = 'PAY-14,PAY-15,PAY-3'
    const cli = await runCli(['forecast', 'set', '--keys', keys, ...files(), '--json'])
    const api = await get(`/api/v1/forecasts/set?keys=${keys}&asOf=${AS_OF}`)
    const { asOf, ...rest } = api.body
    expect(asOf).toBe('2024-02-15T00:00:00Z')
    expect(JSON.parse(cli.stdout)).toEqual(rest)
    expect(cli.code).toBe(0)
  })

  test('exits 2 with the reason when the set matches nothing', async () => {
    const cli = await runCli(['forecast', 'set', '--label', 'nope', ...files()])
    expect(cli).toMatchObject({ code: 2, stderr: 'vmo: no item matches the set label "nope"\n' })
  })

  test('exits 1 with the reason when the set has too little history', async () => {
    const args = files().map((a) => (a === AS_OF ? '2024-04-01' : a))
    const cli = await runCli(['forecast', 'set', '--keys', 'PAY-21,PAY-22', ...args])
    expect(cli.code).toBe(1)
    expect(cli.stderr).toMatch(/^vmo: cannot forecast the set: /)
  })
})

describe('vmo forecast item through links', () => {
  // A request (a supporting item) delivered by two stories through `delivered_by` links.
  const records = [
    ...testRecords(),
    makeWorkItem({
      key: 'PAY-90',
      project: 'PAY',
      type: 'Sub-task',
      created: '2024-01-30T00:00:00Z',
      links: [
        { type: 'delivered_by', target: 'PAY-14' },
        { type: 'delivered_by', target: 'jira:PAY-15' },
      ],
    }),
  ]

  test('a history file rolls up through its links as the store does', async () => {
    const { history, dir, db } = writeHistoryFixture(records, { 'openvmo.yaml': TEST_MAPPING_YAML })
    const common = ['--as-of', AS_OF, '--json']
    const config = `${dir}/openvmo.yaml`
    const fromFile = await runCli([
      ...['forecast', 'item', 'PAY-90', '--input', history, '--config', config],
      ...common,
    ])
    const store = await openStore({ db })
    await store.importRecords(records)
    await store.saveMappingVersion(TEST_MAPPING_YAML)
    await store.close()
    const fromStore = await runCli(['forecast', 'item', 'PAY-90', '--db', db, ...common])
    const result = JSON.parse(fromFile.stdout) as {
      kind: string
      basis: string
      rollUp: { items: { key: string }[] }
    }
    expect(result).toMatchObject({ kind: 'forecast', basis: 'roll_up' })
    expect(result.rollUp.items.map((w) => w.key).sort()).toEqual(['PAY-14', 'PAY-15'])
    expect(JSON.parse(fromStore.stdout)).toEqual(result)
  })
})
