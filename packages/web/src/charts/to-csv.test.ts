import { expect, test } from 'vitest'
import { fileSlug, toCsv } from './to-csv'

test('quotes cells with commas, quotes and line breaks and doubles the quotes when escaping', () => {
  const csv = toCsv([{ key: 'PAY-1', title: 'Refund, "fast"\nnow', days: 3.5 }])
  expect(csv).toBe('key,title,days\r\nPAY-1,"Refund, ""fast""\nnow",3.5\r\n')
})

test('writes null, undefined and non-finite numbers as empty cells when a figure is missing', () => {
  expect(toCsv([{ a: null, b: undefined, c: Number.NaN, d: 0 }])).toBe('a,b,c,d\r\n,,,0\r\n')
})

test('prefixes text a spreadsheet would run as a formula when it starts with = + - @', () => {
  expect(toCsv([{ t: '=SUM(A1)' }, { t: '-1' }, { t: -1 }])).toBe("t\r\n'=SUM(A1)\r\n'-1\r\n-1\r\n")
})

test('uses the given column order and the union of keys when no columns are given', () => {
  expect(toCsv([{ a: 1 }, { b: 2 }])).toBe('a,b\r\n1,\r\n,2\r\n')
  expect(toCsv([{ a: 1, b: 2 }], ['b', 'a'])).toBe('b,a\r\n2,1\r\n')
})

test('makes a file name from a chart title when exporting', () => {
  expect(fileSlug('Flow time (days) — p85')).toBe('flow-time-days-p85')
  expect(fileSlug('***')).toBe('chart')
})
