import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, test } from 'vitest'
import { openStore } from '../store/open-store'
import { killAndResume } from './testing/kill-resume'

let dir: string | undefined

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

describe('vmo sync killed and resumed, on SQLite', () => {
  test('ends with exactly the store of an uninterrupted sync after 25 kills at random points', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vmo-kill-'))
    const db = { killed: join(dir, 'killed.db'), reference: join(dir, 'reference.db') }
    await killAndResume(
      {
        env: { killed: {}, reference: {} },
        args: { killed: ['--db', db.killed], reference: ['--db', db.reference] },
        open: (which) => openStore({ db: db[which], mode: 'read-existing' }),
      },
      { kills: 25, seed: 20261206 },
    )
  }, 600_000)
})
