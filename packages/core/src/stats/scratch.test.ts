import { describe, expect, test } from 'vitest'
import { scratchFloat64, scratchInt32, scratchUint16 } from './scratch'

describe('scratch arrays', () => {
  test('a slot lends the same memory again, grown when a call needs more', () => {
    const a = scratchFloat64('test-slot', 100)
    a[0] = 42
    const b = scratchFloat64('test-slot', 50)
    expect(b.length).toBe(50)
    expect(b.buffer).toBe(a.buffer)
    expect(b[0]).toBe(42)
    const c = scratchFloat64('test-slot', 1000)
    expect(c.length).toBe(1000)
    expect(c.buffer).not.toBe(a.buffer)
  })

  test('slots are separate, whatever their element type', () => {
    const f = scratchFloat64('test-a', 10)
    const i = scratchInt32('test-b', 10)
    const u = scratchUint16('test-c', 10)
    expect(new Set([f.buffer, i.buffer, u.buffer]).size).toBe(3)
    expect([i.length, u.length]).toEqual([10, 10])
  })

  test('very large requests get memory of their own, not kept', () => {
    const big = scratchUint16('test-big', 40 << 20)
    expect(big.length).toBe(40 << 20)
    expect(scratchUint16('test-big', 10).buffer).not.toBe(big.buffer)
  })
})
