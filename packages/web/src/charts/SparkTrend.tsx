import { sparkPath } from './spark-path'

/**
 * A small inline trend line (SVG, no axes) for tables and cards. Null values leave gaps. It is
 * described in words for screen readers; the full chart beside it carries the exports.
 */
export function SparkTrend(props: {
  values: readonly (number | null)[]
  label: string
  width?: number
  height?: number
  color?: string
}) {
  const { values, width = 96, height = 28, color = 'var(--mantine-color-blue-6)' } = props
  const path = sparkPath(values, { width, height })
  const shown = values.map((v) => (v === null ? 'none' : String(Math.round(v * 10) / 10)))
  return (
    <svg
      width={width}
      height={height}
      role="img"
      aria-label={`${props.label}: ${shown.join(', ')}`}
    >
      <path d={path} fill="none" stroke={color} strokeWidth={1.75} strokeLinejoin="round" />
    </svg>
  )
}
