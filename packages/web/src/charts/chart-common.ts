import { FLOW_ITEM_TYPES } from '@openvmo/core'
import type { FlowItemType } from '@openvmo/core'
import { isoDate } from '../format/numbers'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * The axis label of a period from its start instant: `2024-01-01` for days and weeks (the week's
 * Monday), `Jan 2024` for months, `Q1 2024` for quarters, `2024` for years.
 */
export function periodLabel(start: string, period: string): string {
  const date = isoDate(start)
  const year = date.slice(0, 4)
  const month = Number(date.slice(5, 7))
  if (period === 'month') return `${MONTHS[month - 1] ?? ''} ${year}`
  if (period === 'quarter') return `Q${Math.floor((month - 1) / 3) + 1} ${year}`
  if (period === 'year') return year
  return date
}

/** The Flow Item types to draw: those selected, or all four when none is. */
export function shownTypes(selected: readonly FlowItemType[]): FlowItemType[] {
  return selected.length === 0
    ? [...FLOW_ITEM_TYPES]
    : FLOW_ITEM_TYPES.filter((t) => selected.includes(t))
}

/** Capitalised label: `feature` → `Feature`. */
export function label(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1)
}

/** Grid, tooltip and legend shared by the dashboard's cartesian charts. */
export const BASE_OPTION = {
  grid: { left: 48, right: 24, top: 40, bottom: 40 },
  legend: { top: 0, type: 'scroll' },
  tooltip: { trigger: 'axis', confine: true },
  animationDuration: 300,
} as const

/** Rounds for display in tooltips and CSV without losing meaningful precision. */
export function round(value: number | null | undefined, digits = 2): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}
