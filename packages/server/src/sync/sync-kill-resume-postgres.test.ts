import { afterEach, describe, test } from 'vitest'
import { createPostgresTarget, TEST_DATABASE_URL } from '../store/testing/store-test-targets'
import { killAndResume } from './testing/kill-resume'

const disposers: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const dispose of disposers.splice(0)) await dispose()
})

/** A fresh schema and the `DATABASE_URL` that puts `vmo` in it. */
async function schemaTarget() {
  const target = await createPostgresTarget()
  disposers.push(() => target.dispose())
  const url = new URL(TEST_DATABASE_URL)
  url.searchParams.set('options', `-c search_path=${target.schema}`)
  return { target, env: { DATABASE_URL: url.toString() } }
}

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
