/** A process change to mark on the time charts of its scope (an experiment's change date). */
export interface ChangeMarker {
  /** `YYYY-MM-DD`. */
  date: string
  name: string
}

const LINE = { color: '#7048e8', type: 'dashed', width: 1.5 }

function markLineItem(marker: ChangeMarker, x: string | number) {
  return {
    name: marker.name,
    xAxis: x,
    lineStyle: LINE,
    label: {
      formatter: `change: ${marker.name}`,
      position: 'insideEndTop',
      color: LINE.color,
      fontSize: 10,
    },
  }
}

/** Vertical mark lines on a time axis at each change date (only those inside `[from, to]`). */
export function timeAxisChangeLines(
  markers: readonly ChangeMarker[],
  range?: { from: string; to: string },
) {
  return markers
    .filter((m) => !range || (m.date >= range.from && m.date <= range.to))
    .map((m) => markLineItem(m, m.date))
}

/**
 * Vertical mark lines on a category axis of periods: each change on the period that holds its
 * date (`start <= date < end`); changes outside every period are left out.
 */
export function periodChangeLines(
  markers: readonly ChangeMarker[],
  periods: readonly { period: string; start: string; end: string }[],
) {
  return markers.flatMap((m) => {
    const period = periods.find((p) => p.start <= m.date && m.date < p.end)
    return period ? [markLineItem(m, period.period)] : []
  })
}

/**
 * Vertical mark lines on a category axis of days (`YYYY-MM-DD`): each change on its day, or the
 * first day after it when that day is not drawn; changes outside the days are left out.
 */
export function dayChangeLines(markers: readonly ChangeMarker[], days: readonly string[]) {
  const last = days[days.length - 1]
  return markers.flatMap((m) => {
    if (last === undefined || m.date > last || m.date < (days[0] ?? '')) return []
    const day = days.find((d) => d >= m.date)
    return day === undefined ? [] : [markLineItem(m, day)]
  })
}
