import { expect, test } from 'vitest'
import { IsoFormatter } from './iso-formatter'
import { SeededRandom } from './seeded-random'

test('the same text as toISOString when formatting instants across decades', () => {
  const formatter = new IsoFormatter()
  const random = new SeededRandom(1)
  for (let i = 0; i < 10_000; i++) {
    const ms = Math.floor(random.next() * 4_102_444_800_000)
    expect(formatter.format(ms)).toBe(new Date(ms).toISOString())
  }
  expect(formatter.format(0)).toBe('1970-01-01T00:00:00.000Z')
  expect(formatter.format(1_704_067_199_999.7)).toBe('2023-12-31T23:59:59.999Z')
})
