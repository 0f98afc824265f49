import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const VMO = join(ROOT, 'packages/server/bin/vmo.mjs')

/** A `vmo serve` of its own store on a free loopback port, for tests that need other data. */
export interface OwnServer {
  url: string
  /** The SQLite store it serves. */
  db: string
  stop(): void
}

export function serve(db: string): Promise<{ child: ChildProcess; url: string }> {
  const args = [VMO, 'serve', '--db', db, '--port', '0', '--web', join(ROOT, 'packages/web/dist')]
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /at (http:\/\/\S+)/.exec(output)
      if (match?.[1]) resolve({ child, url: match[1] })
    })
    child.on('exit', (code) => reject(new Error(`vmo serve exited with ${code}: ${output}`)))
  })
}

/**
 * Imports `records` (NDJSON) into a fresh SQLite store, serves it, and saves `mappingYaml` as its
 * mapping through the API (with the ETag of `GET /mapping` as If-Match, as the dashboard does).
 */
export async function serveRecords(
  records: readonly Record<string, unknown>[],
  mappingYaml: string,
): Promise<OwnServer> {
  const dir = mkdtempSync(join(tmpdir(), 'openvmo-e2e-own-'))
  const db = join(dir, 'own.db')
  const file = join(dir, 'items.ndjson')
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n')
  const imported = spawnSync(process.execPath, [VMO, 'import', file, '--db', db], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  if (imported.status !== 0) throw new Error(`vmo import failed: ${imported.stderr}`)
  const { child, url } = await serve(db)
  const stop = () => {
    child.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const current = await fetch(`${url}/api/v1/mapping`)
    const etag = current.headers.get('etag') ?? '"0"'
    const saved = await fetch(`${url}/api/v1/mapping`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        'if-match': etag,
      },
      body: JSON.stringify({ yaml: mappingYaml }),
    })
    if (!saved.ok)
      throw new Error(`saving the mapping answered ${saved.status}: ${await saved.text()}`)
  } catch (error) {
    stop()
    throw error
  }
  return { url, db, stop }
}
