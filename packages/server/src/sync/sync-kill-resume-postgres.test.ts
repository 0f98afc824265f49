import { afterEach, describe, test } from 'vitest'
import { killAndResume, postgresSchemaTarget } from './testing/kill-resume'

const disposers: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const dispose of disposers.splice(0)) await dispose()
})

const schemaTarget = () => postgresSchemaTarget(disposers)

describe('vmo sync killed and resumed, on PostgreSQL', () => {
  test('ends with exactly the store of an uninterrupted sync after 25 kills at random points', async () => {
    const killed = await schemaTarget()
    const reference = await schemaTarget()
    await killAndResume(
      {
        env: { killed: killed.env, reference: reference.env },
        args: { killed: [], reference: [] },
        open: (which) => (which === 'killed' ? killed : reference).target.open(),
      },
      { kills: 25, seed: 424242 },
    )
  }, 600_000)
})
