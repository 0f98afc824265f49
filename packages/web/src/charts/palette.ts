import type { FlowItemType, FlowState } from '@openvmo/core'

/** One colour per Flow Item type, the same in every chart (legible on light and dark grounds). */
export const TYPE_COLORS: Record<FlowItemType, string> = {
  feature: '#2f9e44',
  defect: '#e03131',
  risk: '#f08c00',
  debt: '#7048e8',
}

/** One colour per flow state. */
export const STATE_COLORS: Record<FlowState, string> = {
  new: '#868e96',
  waiting: '#f08c00',
  active: '#1c7ed6',
  done: '#2f9e44',
  canceled: '#495057',
}

/** The colour of a flow state; a status the mapping leaves unmapped (null) is drawn in red. */
export function stateColor(state: FlowState | null): string {
  return state === null ? '#e03131' : STATE_COLORS[state]
}

/** The name shown for a flow state; null is a status the mapping leaves unmapped. */
export function stateLabel(state: FlowState | null): string {
  return state ?? 'unmapped'
}

/** Percentile line colours: p50, p85, p95. */
export const PERCENTILE_COLORS = { p50: '#1c7ed6', p85: '#f08c00', p95: '#e03131' } as const

/** Colours for series that are not types or states (business results, streams). */
export const SERIES_COLORS = ['#1c7ed6', '#0ca678', '#f76707', '#ae3ec9', '#d6336c', '#3bc9db']

/** `hex` lightened towards white by `amount` (0..1), to tell bands of one flow state apart. */
export function lighten(hex: string, amount: number): string {
  const value = Number.parseInt(hex.slice(1), 16)
  const mix = (channel: number) => Math.round(channel + (255 - channel) * amount)
  const r = mix((value >> 16) & 255)
  const g = mix((value >> 8) & 255)
  const b = mix(value & 255)
  return `#${((r << 16) | (g << 8) | b).toString(16).padStart(6, '0')}`
}
