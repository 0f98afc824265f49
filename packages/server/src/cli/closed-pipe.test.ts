import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { makeWorkItem, serializeMappingYaml, TEST_MAPPING } from '@openvmo/core'
import { openStore } from '../store/open-store'
import { spawnVmo } from './testing/spawn-vmo'

describe('a reader that stops early', () => {
  test('vmo validate --db | head ends quietly with exit 0, not an EPIPE crash', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'vmo-pipe-')), 'store.db')
    const store = await openStore({ db })
    // 5,000 items without a status history: one finding line each, far more than one pipe write.
    await store.importRecords(
      Array.from({ length: 5_000 }, (_, n) =>
        makeWorkItem({ key: `PAY-${n}`, created: '2024-01-02T00:00:00Z' }),
      ),
    )
    await store.saveMappingVersion(serializeMappingYaml(TEST_MAPPING))
    await store.close()
    const vmo = spawnVmo(['validate', '--db', db])
    // Like `head -1`: read the first chunk, then close the pipe.
    vmo.child.stdout.once('data', () => vmo.child.stdout.destroy())
    expect(await vmo.exited).toBe(0)
    expect(vmo.stderr()).not.toMatch(/EPIPE|Unhandled/)
  }, 60_000)
})
