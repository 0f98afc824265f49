import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { get as httpGet } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, test } from 'vitest'
import { TEST_MAPPING_YAML, testRecords } from '../api/api-test-fixture'
import { openStore } from '../store/open-store'
import { spawnVmo } from './testing/spawn-vmo'

const VMO = fileURLToPath(new URL('../../bin/vmo.mjs', import.meta.url))
const AS_OF = 'asOf=2024-04-01T00:00:00Z'
/** Three years of how-many trials plus their backtest: seconds of work in a worker. */
const HEAVY = `/api/v1/forecasts/how-many?date=2027-03-31&${AS_OF}`

let child: ChildProcess | undefined
let dir: string | undefined

afterEach(() => {
  child?.kill('SIGKILL')
  child = undefined
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

/** A store file with the API fixture's items and mapping, in a temp folder removed after the test. */
async function testStoreFile(): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'vmo-serve-'))
  const db = join(dir, 'openvmo.db')
  const store = await openStore({ db })
  await store.importRecords(testRecords())
  await store.saveMappingVersion(TEST_MAPPING_YAML)
  await store.close()
  return db
}

/** A GET over a real socket to 127.0.0.1 with the given headers (fetch cannot set Host). */
function request(options: {
  port: string | undefined
  path: string
  headers: Record<string, string>
}): Promise<{ status: number | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpGet({ host: '127.0.0.1', ...options }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode }))
    })
    req.on('error', reject)
  })
}

async function serveTestStore(): Promise<string> {
  const db = await testStoreFile()
  const started = spawn(process.execPath, [VMO, 'serve', '--db', db, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, OPENVMO_COMPUTE_THREADS: '2', OPENVMO_CLI_SOURCES: '1' },
  })
  child = started
  return new Promise((resolve, reject) => {
    let output = ''
    started.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /at (http:\/\/\S+)/.exec(output)
      if (match?.[1]) resolve(match[1])
    })
    started.on('exit', (code) => reject(new Error(`vmo serve exited with ${code}: ${output}`)))
  })
}

function exited(process: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => process.once('exit', (code) => resolve(code)))
}

describe('vmo serve under load', () => {
  test('answers other requests while every worker is busy with long computations', async () => {
    const url = await serveTestStore()
    expect((await fetch(`${url}/api/v1/teams`)).status).toBe(200) // the snapshot is loaded
    let heavyDone = 0
    const heavy = [HEAVY, `${HEAVY}&stream=Payments`].map((path) =>
      fetch(`${url}${path}`).then((res) => {
        heavyDone++
        return res.status
      }),
    )
    await new Promise((resolve) => setTimeout(resolve, 200))
    const light = await fetch(`${url}/api/v1/value-streams`)
    expect(light.status).toBe(200)
    const model = await fetch(`${url}/api/v1/products`)
    expect(model.status).toBe(200)
    expect(heavyDone).toBe(0)
    expect(await Promise.all(heavy)).toEqual([200, 200])
  })

  test('stops within seconds on SIGTERM while computations run, answering them 503', async () => {
    const url = await serveTestStore()
    const running = child
    if (!running) throw new Error('no server')
    expect((await fetch(`${url}/api/v1/teams`)).status).toBe(200)
    const heavy = fetch(`${url}${HEAVY}`).then(
      (res) => res.status,
      () => 'closed',
    )
    await new Promise((resolve) => setTimeout(resolve, 200))
    const exit = exited(running)
    running.kill('SIGTERM')
    expect(await exit).toBe(0)
    expect(await heavy).toBe(503)
  })
})

describe('vmo serve beyond loopback', () => {
  test('refuses to listen on every interface when no authentication is configured', async () => {
    const vmo = spawnVmo([
      'serve',
      '--db',
      await testStoreFile(),
      '--host',
      '0.0.0.0',
      '--port',
      '0',
    ])
    expect(await vmo.exited).toBe(2)
    expect(vmo.stderr()).toMatch(/refusing to listen on --host "0\.0\.0\.0" without authentication/)
    expect(vmo.stderr()).toContain('--no-auth')
    expect(vmo.stderr()).toContain('docs/security.md')
    expect(vmo.stdout()).not.toContain('openvmo is serving')
  })

  test('listens on every interface when accounts exist, and asks every request to sign in', async () => {
    const db = await testStoreFile()
    const store = await openStore({ db })
    await store.createUser({
      ...{ id: 'u1', name: 'ada', displayName: 'Ada', passwordHash: null, admin: true },
      at: '2026-12-07T00:00:00Z',
    })
    await store.close()
    const vmo = spawnVmo(['serve', '--db', db, '--host', '0.0.0.0', '--port', '0'])
    try {
      await vmo.waitFor('sign-in required')
      expect(vmo.stderr()).not.toContain('--no-auth')
      const port = /:(\d+) /.exec(vmo.stdout())?.[1]
      const res = await request({
        port,
        path: '/api/v1/value-streams',
        headers: { host: `127.0.0.1:${port}` },
      })
      expect(res.status).toBe(401)
    } finally {
      vmo.child.kill('SIGKILL')
    }
  })

  test('refuses a --public-url that is not an http or https URL, naming it', async () => {
    const db = await testStoreFile()
    const vmo = spawnVmo(['serve', '--db', db, '--port', '0', '--public-url', 'vmo.example.com'])
    expect(await vmo.exited).toBe(2)
    expect(vmo.stderr()).toContain('--public-url "vmo.example.com" is not an http or https URL')
  })

  test('listens with --no-auth, warning, and answers only loopback names and --public-url', async () => {
    const vmo = spawnVmo([
      ...['serve', '--db', await testStoreFile(), '--port', '0'],
      ...['--host', '0.0.0.0', '--no-auth', '--public-url', 'https://vmo.example.com'],
    ])
    try {
      await vmo.waitFor('openvmo is serving')
      expect(vmo.stderr()).toMatch(/warning: --no-auth: anyone who can reach 0\.0\.0\.0/)
      const port = /:(\d+) /.exec(vmo.stdout())?.[1]
      const status = async (host: string) =>
        (await request({ port, path: '/api/v1/value-streams', headers: { host } })).status
      expect(await status(`127.0.0.1:${port}`)).toBe(200)
      expect(await status('vmo.example.com')).toBe(200)
      expect(await status('rebind.attacker.example')).toBe(403)
    } finally {
      vmo.child.kill('SIGKILL')
    }
  })
})
