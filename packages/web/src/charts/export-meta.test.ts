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
    'Period: by week · 21 Sep 2026 – 13 Dec 2026 (Europe/Berlin)',
    'As of: 2026-12-07 04:17 UTC',
  ])
  expect(meta.fileStem).toBe('flow-time-scatterplot_Mobile-App_team-core_defect_2026-12-07')
})

test('says "all" and uses the chosen as-of day when the filters narrow nothing and the API said none', () => {
  const filters = parseFilters(new URLSearchParams('period=month&asOf=2026-06-30'))
  const meta = exportMeta('Cumulative flow', filters)
  expect(meta.scope).toBe('Value streams: all · Teams: all · Types: all')
  expect(meta.period).toBe('Period: by month · the default range')
  expect(meta.asOf).toBe('As of: 2026-06-30 23:59 UTC')
  expect(meta.fileStem).toBe('cumulative-flow_all-streams_2026-06-30')
})

test('writes the header as unquoted # lines before the CSV header row, commas made ;', () => {
  const csv = toCsv([{ a: 1 }], undefined, ['Velocity', 'Value streams: A, "B"'])
  expect(csv).toBe('# Velocity\r\n# Value streams: A; ;B;\r\na\r\n1\r\n')
})

test('puts UTF-8 iTXt chunks with a valid CRC right after the PNG header chunk', () => {
  const png = new Uint8Array(45)
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0)
  const out = withPngText(png, { Title: 'Zoë' })
  const length = new DataView(out.buffer).getUint32(33)
  const data = out.subarray(37, 37 + 4 + length)
  expect(new TextDecoder().decode(data.subarray(0, 4))).toBe('iTXt')
  expect(new TextDecoder().decode(data.subarray(4))).toBe('Title\0\0\0\0\0Zoë')
  // CRC-32 of the chunk type and data, as zlib computes it.
  expect(new DataView(out.buffer).getUint32(37 + 4 + length)).toBe(0xcdc35414)
  expect(out.length).toBe(png.length + length + 12)
})
