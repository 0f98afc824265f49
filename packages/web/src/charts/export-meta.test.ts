import { expect, test } from 'vitest'
import { parseFilters } from '../state/filters'
import { exportLines, exportMeta } from './export-meta'
import { toCsv } from './to-csv'
import { withPngText } from './png-export'

const covers = {
  asOf: '2026-12-07T04:17:00Z',
  from: '2026-09-21',
  to: '2026-12-14',
  timezone: 'Europe/Berlin',
}

test('names the title, streams, teams, types, period and as-of of an export', () => {
  const filters = parseFilters(new URLSearchParams('stream=Mobile App&team=core&type=defect'))
  const meta = exportMeta('Flow time scatterplot', filters, covers)
  expect(exportLines(meta)).toEqual([
    'Flow time scatterplot',
    'Value streams: Mobile App · Teams: core · Types: defect',
    'Period: by week, 21 Sep 2026 – 13 Dec 2026 (Europe/Berlin)',
    'As of: 2026-12-07 04:17 UTC',
  ])
  expect(meta.fileStem).toBe('flow-time-scatterplot_Mobile-App_team-core_defect_2026-12-07')
})

test('says "all" and uses the chosen as-of day when the filters narrow nothing and the API said none', () => {
  const filters = parseFilters(new URLSearchParams('period=month&asOf=2026-06-30'))
  const meta = exportMeta('Cumulative flow', filters, undefined)
  expect(meta.scope).toBe('Value streams: all · Teams: all · Types: all')
  expect(meta.period).toBe('Period: by month, the default range')
  expect(meta.asOf).toBe('As of: 2026-06-30 23:59 UTC')
  expect(meta.fileStem).toBe('cumulative-flow_all-streams_2026-06-30')
})

test('writes the header as # lines before the CSV header row, quoted when they hold a comma', () => {
  const csv = toCsv([{ a: 1 }], undefined, ['Velocity', 'Value streams: A, B'])
  expect(csv).toBe('# Velocity\r\n"# Value streams: A, B"\r\na\r\n1\r\n')
})

test('puts tEXt chunks with a valid CRC right after the PNG header chunk', () => {
  const png = new Uint8Array(45)
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0)
  const out = withPngText(png, { Title: 'Hi' })
  const chunk = out.subarray(33, 33 + 4 + 4 + 'Title'.length + 1 + 2 + 4)
  expect(new TextDecoder('latin1').decode(chunk.subarray(4, 8))).toBe('tEXt')
  expect(new DataView(chunk.buffer, chunk.byteOffset).getUint32(0)).toBe(8)
  // CRC-32 of "tEXtTitle\0Hi", as zlib computes it.
  expect(new DataView(chunk.buffer, chunk.byteOffset).getUint32(chunk.length - 4)).toBe(
    0xff0fa77d,
  )
  expect(out.length).toBe(png.length + chunk.length)
})
