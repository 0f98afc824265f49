import { describe, expect, test } from 'vitest'
import { InFlight } from './in-flight'

function deferred() {
  let resolve: (value: string) => void = () => {}
  const promise = new Promise<string>((done) => (resolve = done))
  return { promise, resolve }
}

describe('InFlight', () => {
  test('runs one computation when two requests ask for the same key', async () => {
    const running = new InFlight()
    const work = deferred()
    let starts = 0
    const start = () => {
      starts++
      return work.promise
    }
    const a = running.join('k', undefined, start)
    const b = running.join('k', undefined, start)
    work.resolve('body')
    expect(await Promise.all([a, b])).toEqual(['body', 'body'])
    expect(starts).toBe(1)
    expect(running.size).toBe(0)
  })

  test('cancels the computation only when every waiting request has gone away', async () => {
    const running = new InFlight()
    let seen: AbortSignal | undefined
    const work = deferred()
    const start = (signal: AbortSignal) => {
      seen = signal
      return work.promise
    }
    const first = new AbortController()
    const second = new AbortController()
    void running.join('k', first.signal, start)
    void running.join('k', second.signal, start)
    first.abort()
    expect(seen?.aborted).toBe(false)
    second.abort()
    expect(seen?.aborted).toBe(true)
    work.resolve('late')
  })

  test('starts a new computation when the key is asked again after the first finished', async () => {
    const running = new InFlight()
    let starts = 0
    const start = () => Promise.resolve(`run ${++starts}`)
    expect(await running.join('k', undefined, start)).toBe('run 1')
    expect(await running.join('k', undefined, start)).toBe('run 2')
  })
})
