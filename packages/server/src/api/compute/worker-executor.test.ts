import { afterEach, describe, expect, test } from 'vitest'
import { isVmoError } from '@openvmo/core'
import { TEST_NOW, createTestStore } from '../api-test-fixture'
import { resolveAnalysis } from '../analysis-params'
import { loadSnapshot } from '../flow-snapshot'
import type { ComputeExecutor } from './compute-executor'
import { createInlineExecutor } from './compute-executor'
import type { ComputeTask } from './compute-views'
import { createWorkerExecutor } from './worker-executor'

let executor: ComputeExecutor | undefined

afterEach(async () => {
  await executor?.close()
  executor = undefined
})

async function snapshotFor(target: ComputeExecutor) {
  const store = await createTestStore()
  const snapshot = await loadSnapshot(store, 'v1', target.prepare)
  await store.close()
  target.install(snapshot)
  return snapshot
}

const query = { period: 'week' as const, from: '2024-01-01', to: '2024-04-01' }

function analysisTask(snapshot: Awaited<ReturnType<typeof snapshotFor>>, name: string, extra = {}) {
  const params = resolveAnalysis(query, snapshot, TEST_NOW)
  return { view: 'analysis', args: { name, params, query: { ...query, ...extra } } } as ComputeTask
}

/** A forecast three years ahead: about 10^8 random draws, never done within milliseconds. */
function heavyTask(snapshot: Awaited<ReturnType<typeof snapshotFor>>) {
  return analysisTask(snapshot, 'forecast-how-many', { date: '2027-03-31' })
}

async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  )
}

describe('worker executor', () => {
  test('answers exactly as the inline executor when it runs the views in worker threads', async () => {
    executor = createWorkerExecutor({ threads: 2 })
    const shared = await snapshotFor(executor)
    const inline = createInlineExecutor()
    const plain = await snapshotFor(inline)
    for (const make of [
      (s: typeof shared) => analysisTask(s, 'metrics'),
      (s: typeof shared) => analysisTask(s, 'cfd'),
      (s: typeof shared) => analysisTask(s, 'aging'),
      (s: typeof shared) => analysisTask(s, 'forecast-when', { items: 5 }),
      (s: typeof shared) =>
        ({ view: 'portfolio', args: { params: resolveAnalysis(query, s, TEST_NOW) } }) as const,
      () => ({ view: 'search', args: { query: { q: 'refund', limit: 5, offset: 0 } } }) as const,
      // narrowed to one stream's items (the mapping is compiled again in the worker)
      () =>
        ({
          view: 'search',
          args: {
            query: { q: 'flow', limit: 50, offset: 0 },
            asOfMs: TEST_NOW,
            readable: ['Mobile'],
          },
        }) as const,
    ]) {
      const [fromWorker, fromInline] = await Promise.all([
        executor.run(shared, make(shared)),
        inline.run(plain, make(plain)),
      ])
      expect(fromWorker).toBe(fromInline)
    }
  })

  test("finds only the readable streams' items in a worker", async () => {
    executor = createWorkerExecutor({ threads: 1 })
    const snapshot = await snapshotFor(executor)
    const query = { q: 'flow', limit: 50, offset: 0 }
    const args = { query, asOfMs: TEST_NOW, readable: ['Mobile'] }
    const body = await executor.run(snapshot, { view: 'search', args })
    const { items } = JSON.parse(body) as { items: { key: string }[] }
    expect(items.length).toBe(24)
    expect(items.every((item) => item.key.startsWith('MOB-'))).toBe(true)
  })

  test('carries a view error back as the same VmoError when the view refuses', async () => {
    executor = createWorkerExecutor({ threads: 1 })
    const snapshot = await snapshotFor(executor)
    const params = resolveAnalysis({ ...query, stream: ['Nope'] }, snapshot, TEST_NOW)
    const error = await rejection(
      executor.run(snapshot, { view: 'analysis', args: { name: 'cfd', params, query } }),
    )
    expect(isVmoError(error, 'NOT_FOUND')).toBe(true)
  })

  test('stops a computation with COMPUTE_TIMEOUT when its deadline passes, then answers the next', async () => {
    executor = createWorkerExecutor({ threads: 1, deadlineMs: 1 })
    const snapshot = await snapshotFor(executor)
    const error = await rejection(executor.run(snapshot, heavyTask(snapshot)))
    expect(isVmoError(error, 'COMPUTE_TIMEOUT')).toBe(true)
    expect((error as Error).message).toMatch(/took longer than 0.001 s and was stopped/)
    await executor.close()
    executor = createWorkerExecutor({ threads: 1 })
    const next = await snapshotFor(executor)
    expect(JSON.parse(await executor.run(next, analysisTask(next, 'metrics')))).toHaveProperty(
      'total',
    )
  })

  test('stops a computation when its client goes away and the worker serves the next one', async () => {
    executor = createWorkerExecutor({ threads: 1 })
    const snapshot = await snapshotFor(executor)
    const client = new AbortController()
    const heavy = rejection(executor.run(snapshot, heavyTask(snapshot), client.signal))
    setTimeout(() => client.abort(), 50)
    const error = await heavy
    expect(isVmoError(error, 'COMPUTE_TIMEOUT')).toBe(true)
    expect((error as Error).message).toMatch(/client went away/)
    expect(await executor.run(snapshot, analysisTask(snapshot, 'metrics'))).toContain('"total"')
  })

  test('answers lookups while every analysis worker is busy with long computations', async () => {
    executor = createWorkerExecutor({ threads: 1 })
    const snapshot = await snapshotFor(executor)
    const target = executor
    const client = new AbortController()
    let heavyDone = 0
    const heavy = [0, 1].map(() =>
      rejection(target.run(snapshot, heavyTask(snapshot), client.signal)).finally(
        () => heavyDone++,
      ),
    )
    const search = { view: 'search', args: { query: { q: 'login', limit: 5, offset: 0 } } } as const
    expect(JSON.parse(await target.run(snapshot, search))).toHaveProperty('total')
    expect(heavyDone).toBe(0)
    client.abort()
    await Promise.all(heavy)
  })

  test('answers OVERLOADED when more computations wait than the queue holds', async () => {
    executor = createWorkerExecutor({ threads: 1, maxQueue: 1 })
    const snapshot = await snapshotFor(executor)
    const client = new AbortController()
    const target = executor
    const runs = [0, 1, 2].map(() =>
      rejection(target.run(snapshot, heavyTask(snapshot), client.signal)),
    )
    const third = await runs[2]
    client.abort()
    await Promise.all(runs)
    expect(isVmoError(third, 'OVERLOADED')).toBe(true)
  })
})
