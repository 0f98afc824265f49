import { describe, expect, test } from 'vitest'
import { Gate } from './gate'

describe('Gate', () => {
  test('admits at most its limit and the next waiter when one leaves', async () => {
    const gate = new Gate(2)
    const order: string[] = []
    await gate.enter()
    await gate.enter()
    const third = gate.enter().then(() => order.push('third'))
    const fourth = gate.enter().then(() => order.push('fourth'))
    expect(gate.load).toBe(4)
    await Promise.resolve()
    expect(order).toEqual([])
    gate.leave()
    await third
    expect(order).toEqual(['third'])
    gate.leave()
    await fourth
    expect(order).toEqual(['third', 'fourth'])
  })

  test('drops a waiter from the line when its signal aborts', async () => {
    const gate = new Gate(1)
    await gate.enter()
    const client = new AbortController()
    const waiting = gate.enter(client.signal).then(
      () => 'admitted',
      () => 'dropped',
    )
    client.abort()
    expect(await waiting).toBe('dropped')
    expect(gate.load).toBe(1)
    gate.leave()
    await gate.enter()
    expect(gate.load).toBe(1)
  })
})
