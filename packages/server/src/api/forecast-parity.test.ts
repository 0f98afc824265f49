import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { generateDemoOrganisation } from '../demo/generate-demo-organisation'
import { loadDemoIntoStore } from '../cli/commands/demo-command'
import { runCli } from '../cli/testing/run-cli'
import { openStore } from '../store/open-store'
import type { Store } from '../store/store'
import { createApp } from './create-app'

const AS_OF = '2026-12-01T00:00:00.000Z'
const silent = { stdout: () => {}, stderr: () => {}, isTty: false, now: () => 0, env: {} }

let db = ''
let store: Store
let sample: { source: string; key: string }[] = []

beforeAll(async () => {
  db = join(mkdtempSync(join(tmpdir(), 'vmo-parity-')), 'demo.db')
  const org = generateDemoOrganisation({ seed: 7, asOfMs: Date.parse(AS_OF), years: 1 })
  store = await openStore({ db, mode: 'create' })
  await loadDemoIntoStore(store, org, silent)
  // Two items of every source, type and status: in progress, in the backlog, ended, supporting.
  const seen = new Map<string, number>()
  sample = org.records.filter((r) => {
    const kind = `${r.source}|${r.type}|${r.status}`
    const count = (seen.get(kind) ?? 0) + 1
    seen.set(kind, count)
    return count <= 2 && Date.parse(r.created) < Date.parse(AS_OF)
  })
}, 120_000)

afterAll(async () => {
  await store?.close()
})

test('vmo forecast item --json prints the forecast of the API item journey, for items of every kind', async () => {
  const app = createApp({ store, clock: () => Date.parse(AS_OF) })
  const kinds = new Set<string>()
  for (const { source, key } of sample) {
    const cli = await runCli([
      'forecast',
      'item',
      key,
      '--source',
      source,
      '--db',
      db,
      '--as-of',
      AS_OF,
      '--json',
    ])
    const res = await app.request(
      `/api/v1/items/${source}/${encodeURIComponent(key)}?asOf=${AS_OF}`,
    )
    expect(res.status, `${source}:${key}`).toBe(200)
    const api = ((await res.json()) as { forecast: { kind: string; basis?: string } }).forecast
    expect(JSON.parse(cli.stdout), `${source}:${key}`).toEqual(api)
    expect(cli.code).toBe(api.kind === 'insufficient_data' ? 1 : 0)
    kinds.add(api.basis ?? api.kind)
  }
  expect([...kinds]).toEqual(
    expect.arrayContaining(['in_progress', 'not_applicable', 'not_started', 'roll_up']),
  )
}, 300_000)
