import { describe, expect, test } from 'vitest'
import { ByteInterner } from './byte-interner'

const bytesOf = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0))

describe('ByteInterner', () => {
  test('finds a range by its bytes when it was remembered from another place', () => {
    const interner = new ByteInterner()
    const line = bytesOf('"Done","In Progress","Done"')
    expect(interner.find(line, 1, 5)).toBe(-1)
    interner.remember(7)
    expect(interner.find(line, 8, 19)).toBe(-1)
    interner.remember(8)
    expect(interner.find(line, 22, 26)).toBe(7)
    expect(interner.find(bytesOf('In Progress'), 0, 11)).toBe(8)
    expect(interner.find(line, 1, 4)).toBe(-1)
    expect(interner.size).toBe(2)
  })

  test('keeps every value when the table and the pool grow many times', () => {
    const interner = new ByteInterner()
    const names = Array.from({ length: 5000 }, (_, i) =>
      bytesOf(`status ${i} ${'x'.repeat(i % 40)}`),
    )
    names.forEach((name, i) => {
      expect(interner.find(name, 0, name.length)).toBe(-1)
      interner.remember(i)
    })
    names.forEach((name, i) => expect(interner.find(name, 0, name.length)).toBe(i))
    expect(interner.find(new Uint8Array(0), 0, 0)).toBe(-1)
  })
})
