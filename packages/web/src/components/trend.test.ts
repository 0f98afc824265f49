import { expect, test } from 'vitest'
import { trendOf } from './trend'

test('is good news when a lower-is-better metric falls', () => {
  expect(trendOf(8, 10, 'lower')).toEqual({ direction: 'down', change: -0.2, tone: 'good' })
})

test('is bad news when a higher-is-better metric falls', () => {
  expect(trendOf(8, 10, 'higher')?.tone).toBe('bad')
})

test('reads small changes as flat and has no relative change from zero', () => {
  expect(trendOf(10.1, 10, 'higher')?.direction).toBe('flat')
  expect(trendOf(3, 0, 'higher')).toEqual({ direction: 'up', change: null, tone: 'good' })
})

test('has no trend when either value cannot be computed', () => {
  expect(trendOf(null, 10, 'higher')).toBeNull()
  expect(trendOf(10, null, 'higher')).toBeNull()
})
