import { expect, test } from 'vitest'
import { formatCsv, neutralizeFormula } from './csv'

test.each(['=1+1', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
  'prefixes %j with an apostrophe when a spreadsheet would run it as a formula',
  (text) => expect(neutralizeFormula(text)).toBe(`'${text}`),
)

test('leaves text that starts otherwise unchanged when it cannot be a formula', () => {
  expect(neutralizeFormula('PAY-1 a=b')).toBe('PAY-1 a=b')
  expect(neutralizeFormula('')).toBe('')
})

test('writes hostile text cells as text and numbers as numbers when formatting rows', () => {
  const csv = formatCsv([
    ['key', 'title', 'age_days'],
    ['=KEY', "+cmd|' /C calc'!A0", -1.5],
  ])
  expect(csv).toBe("key,title,age_days\r\n'=KEY,'+cmd|' /C calc'!A0,-1.5\r\n")
})

test('quotes a neutralised cell that holds a comma or a quote when formatting rows', () => {
  expect(formatCsv([['=HYPERLINK("x","y")']])).toBe(`"'=HYPERLINK(""x"",""y"")"\r\n`)
})
