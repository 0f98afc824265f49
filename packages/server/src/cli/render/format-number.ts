/** A figure for a human table: null as "—", days and ratios with sensible precision. */
export function formatFigure(
  value: number | null | undefined,
  kind: 'days' | 'ratio' | 'count' | 'load' = 'count',
): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—'
  if (kind === 'ratio') return `${(value * 100).toFixed(1)}%`
  if (kind === 'days') return value.toFixed(1)
  if (kind === 'load') return value.toFixed(1)
  return String(value)
}
