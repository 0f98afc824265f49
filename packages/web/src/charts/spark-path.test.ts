import { expect, test } from 'vitest'
import { sparkPath } from './spark-path'

test('breaks the line at null values', () => {
  expect(sparkPath([0, null, 1], { width: 14, height: 14 })).toBe('M2.0,12.0M12.0,2.0')
})

test('draws nothing when no value is known', () => {
  expect(sparkPath([null, null], { width: 10, height: 10 })).toBe('')
})

test('draws a flat line when all values are equal', () => {
  expect(sparkPath([5, 5], { width: 14, height: 14 })).toBe('M2.0,12.0L12.0,12.0')
})
