import { test } from 'vitest'
import { TEST_NOW, createTestStore } from './api/api-test-fixture'
import { resolveAnalysis } from './api/analysis-params'
import { loadSnapshot } from './api/flow-snapshot'
import { createWorkerExecutor } from './api/compute/worker-executor'
test('dbg', async () => {
  const ex = createWorkerExecutor({ threads: 3, deadlineMs: 15000 })
  const store = await createTestStore()
  const snapshot = await loadSnapshot(store, 'v1', ex.prepare)
  ex.install(snapshot)
  const query = { period: 'week' as const, from: '2024-01-01', to: '2024-04-01' }
  const params = resolveAnalysis(query, snapshot, TEST_NOW)
  const t = Date.now()
  await Promise.all(
    [1, 2, 3, 4].map(async (i) => {
      try {
        const body = await ex.run(snapshot, {
          view: 'analysis',
          args: { name: 'metrics', params, query },
        } as never)
        console.log('done', i, Date.now() - t, body.length)
      } catch (e) {
        console.log('fail', i, String(e))
      }
    }),
  )
  await ex.close()
}, 40000)
