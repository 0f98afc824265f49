import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, test } from 'vitest'
import { openStore } from '../store/open-store'
import {
  azureDevOpsKillResumeTool,
  killAndResume,
  postgresSchemaTarget,
} from './testing/kill-resume'

const disposers: (() => Promise<void> | void)[] = []

afterEach(async () => {
  for (const dispose of disposers.splice(0)) await dispose()
})

describe('vmo sync of Azure DevOps projects killed and resumed', () => {
  test('on SQLite ends with exactly the store of an uninterrupted sync after 10 kills', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmo-kill-ado-'))
    disposers.push(() => rmSync(dir, { recursive: true, force: true }))
    const db = { killed: join(dir, 'killed.db'), reference: join(dir, 'reference.db') }
    await killAndResume(
      {
        env: { killed: {}, reference: {} },
        args: { killed: ['--db', db.killed], reference: ['--db', db.reference] },
        open: (which) => openStore({ db: db[which], mode: 'read-existing' }),
      },
      { kills: 10, seed: 20261208, tool: azureDevOpsKillResumeTool },
    )
  }, 600_000)

  test('on PostgreSQL ends with exactly the store of an uninterrupted sync after 10 kills', async () => {
    const killed = await postgresSchemaTarget(disposers)
    const reference = await postgresSchemaTarget(disposers)
    await killAndResume(
      {
        env: { killed: killed.env, reference: reference.env },
        args: { killed: [], reference: [] },
        open: (which) => (which === 'killed' ? killed : reference).target.open(),
      },
      { kills: 10, seed: 777013, tool: azureDevOpsKillResumeTool },
    )
  }, 600_000)
})
