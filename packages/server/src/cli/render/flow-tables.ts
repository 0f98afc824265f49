import Table from 'cli-table3'
import { formatInZone } from '@openvmo/core'
import type { AgingWip, CumulativeFlow, TimeInState } from '@openvmo/core'
import { formatFigure } from './format-number'

const plain = { style: { head: [], border: [] } }

/** Cumulative flow by flow state, one row per day (the full per-state table is in --csv). */
export function renderCfd(cfd: CumulativeFlow, zone: string): string {
  const states = ['new', 'waiting', 'active', 'done', 'canceled'] as const
  const table = new Table({ head: ['day', ...states], ...plain })
  const last = cfd.days.length - 2
  for (let d = 0; d <= last; d++) {
    const day = formatInZone(cfd.days[d] ?? NaN, zone).slice(0, 10)
    table.push([
      d === last && cfd.lastDayPartial ? `${day} (to date)` : day,
      ...states.map((s) => String(cfd.byFlowState[s][d])),
    ])
  }
  return `cumulative flow: items per flow state at the end of each day (per tool state with --csv)\n${table.toString()}\n`
}

/** Time in state with wait shares, bottleneck candidates marked. */
export function renderTimeInState(result: TimeInState): string {
  const table = new Table({
    head: [
      'state',
      'flow state',
      'total days',
      'visits',
      'items',
      'p85 visit',
      'share of flow time',
      'wait share',
    ],
    ...plain,
  })
  for (const s of result.states) {
    table.push([
      s.status,
      s.flowState,
      formatFigure(s.totalDays, 'days'),
      String(s.visits),
      String(s.items),
      formatFigure(s.visitDays?.p85, 'days'),
      formatFigure(s.shareOfFlowTime, 'ratio'),
      formatFigure(s.waitShare, 'ratio'),
    ])
  }
  const top = [...result.states]
    .filter((s) => s.waitShare !== null)
    .sort((a, b) => (b.waitShare ?? 0) - (a.waitShare ?? 0))[0]
  const head = `time in state of ${result.completedItems} completed items (${formatFigure(result.flowDays, 'days')} flow days)`
  const tail = top
    ? `\nbiggest wait: ${top.status} holds ${formatFigure(top.waitShare, 'ratio')} of all waiting time`
    : ''
  return `${head}\n${table.toString()}${tail}\n`
}

/** Aging work in progress, oldest first. */
export function renderAging(aging: AgingWip, limit = 50): string {
  const ft = aging.flowTime
  const table = new Table({
    head: ['key', 'type', 'state', 'age (days)', 'in state (days)', 'vs flow time'],
    ...plain,
  })
  for (const a of aging.items.slice(0, limit)) {
    table.push([
      a.key,
      a.flowItem,
      a.status,
      formatFigure(a.ageDays, 'days'),
      formatFigure(a.daysInStatus, 'days'),
      a.band.replace(/_/g, ' '),
    ])
  }
  const pct = ft
    ? `flow time p50 ${formatFigure(ft.p50, 'days')}, p85 ${formatFigure(ft.p85, 'days')}, p95 ${formatFigure(ft.p95, 'days')} days`
    : 'no completed items to compare with'
  const more =
    aging.items.length > limit
      ? `\n… and ${aging.items.length - limit} more (all with --csv or --json)`
      : ''
  return `${aging.items.length} items in progress; ${pct}\n${table.toString()}${more}\n`
}
