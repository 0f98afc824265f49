import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, test } from 'vitest'
import type { StoreContractTarget } from './testing/store-contract'
import {
  createPostgresTarget,
  createSqliteTarget,
  TEST_DATABASE_URL,
} from './testing/store-test-targets'
import { makeRecords } from './testing/store-test-records'

const SCRIPT = fileURLToPath(new URL('../../test/fixtures/store/kill-import.ts', import.meta.url))
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))

/** Runs the import script and SIGKILLs it once it has written `progressLines` batches. */
function importAndKill(
  args: string[],
  progressLines: number,
): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { cwd: ROOT })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.split('progress').length - 1 >= progressLines) child.kill('SIGKILL')
    })
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (_code, signal) => resolve({ killed: signal === 'SIGKILL', output }))
  })
}

let target: StoreContractTarget | undefined
afterEach(async () => {
  await target?.dispose()
  target = undefined
})

async function expectKilledImportLeavesNoTrace(
  t: StoreContractTarget,
  args: string[],
): Promise<void> {
  const store = await t.open()
  await store.importRecords(makeRecords(10, 'BEFORE'))
  const before = await store.countItems()
  await store.close()
  const run = await importAndKill(args, 3)
  expect(run.killed, run.output).toBe(true)
  expect(run.output).not.toContain('done')
  const reopened = await t.open()
  expect(await reopened.countItems()).toEqual(before)
  await reopened.close()
  const rerun = await importAndKill([...args.slice(0, 2), '3000', ...args.slice(3)], Infinity)
  expect(rerun.output).toContain('done 3000')
  const after = await t.open()
  expect((await after.countItems()).items).toBe(before.items + 3000)
  await after.close()
}

test('leaves the sqlite store as before when the importing process is killed', async () => {
  const sqlite = await createSqliteTarget()
  target = sqlite
  await expectKilledImportLeavesNoTrace(sqlite, ['sqlite', sqlite.path, '400000'])
})

test('leaves the postgres store as before when the importing process is killed', async () => {
  const postgres = await createPostgresTarget()
  target = postgres
  await expectKilledImportLeavesNoTrace(postgres, [
    'postgres',
    TEST_DATABASE_URL,
    '400000',
    postgres.schema,
  ])
})
