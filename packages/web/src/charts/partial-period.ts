import { html, htmlFragment } from '../format/html'

/** The note every chart, table and tooltip gives a period that has not ended at the as-of date. */
export const PARTIAL_NOTE = 'partial: not over at the as-of date, so its figures cover part of it'

/** The style of a bar of a period that is not over: faded, with a dashed outline. */
export function partialBarStyle(color: string) {
  return { opacity: 0.4, borderColor: color, borderWidth: 1.5, borderType: 'dashed' }
}

/** A bar of a period that is not over: faded with a dashed outline, so it does not read as a fall. */
export function partialBar(value: number | null, color: string, partial: boolean) {
  if (!partial) return value
  return { value, itemStyle: partialBarStyle(color) }
}

/**
 * A period line as two series under one name (so one legend entry toggles both): solid through
 * the full periods, dashed from the last full period to the partial ones, whose points are hollow.
 */
export function partialLineSeries(
  base: { name: string; color: string },
  values: readonly (number | null)[],
  partial: readonly boolean[],
): Record<string, unknown>[] {
  const firstPartial = partial.indexOf(true)
  if (firstPartial < 0) return [{ ...base, type: 'line', connectNulls: false, data: [...values] }]
  const solid = values.map((v, i) => (partial[i] ? null : v))
  const dashed = values.map((v, i) => (i >= firstPartial - 1 ? v : null))
  return [
    { ...base, type: 'line', connectNulls: false, data: solid },
    {
      ...base,
      type: 'line',
      connectNulls: false,
      lineStyle: { type: 'dashed' },
      symbol: 'none',
      symbolSize: 8,
      data: dashed.map((v, i) => (partial[i] ? { value: v, symbol: 'emptyCircle' } : v)),
    },
  ]
}

interface AxisTooltipParam {
  seriesName?: string
  color?: unknown
  value?: unknown
  dataIndex: number
  axisValueLabel?: string
}

/**
 * An axis tooltip: the period, each series' value once (the dashed twin of a line is skipped), and
 * the partial-period note when the period is not over.
 */
export function periodTooltip(
  partial: readonly boolean[],
  format: (value: number) => string = (v) => String(v),
) {
  return (raw: AxisTooltipParam | AxisTooltipParam[]) => {
    const params = Array.isArray(raw) ? raw : [raw]
    const first = params[0]
    if (!first) return ''
    const seen = new Set<string>()
    const lines = params.flatMap((p) => {
      const name = p.seriesName ?? ''
      const value = Array.isArray(p.value) ? p.value[p.value.length - 1] : p.value
      if (seen.has(name) || value === null || value === undefined || value === '-') return []
      seen.add(name)
      const color = typeof p.color === 'string' ? p.color : 'currentColor'
      const shown = typeof value === 'number' ? format(value) : String(value)
      return [htmlFragment`<br/><span style="color:${color}">●</span> ${name}: <b>${shown}</b>`]
    })
    const note = partial[first.dataIndex] ? htmlFragment`<br/><i>${PARTIAL_NOTE}</i>` : ''
    return html`${first.axisValueLabel ?? ''}${lines}${note}`
  }
}
