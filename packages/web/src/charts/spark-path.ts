/**
 * The SVG path of a sparkline through `values`, scaled to the box with a 2px margin; a null value
 * breaks the line. An empty or all-null series gives an empty path.
 */
export function sparkPath(
  values: readonly (number | null)[],
  box: { width: number; height: number },
): string {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v))
  if (present.length === 0) return ''
  const min = Math.min(...present)
  const max = Math.max(...present)
  const span = max - min || 1
  const step = values.length > 1 ? (box.width - 4) / (values.length - 1) : 0
  let path = ''
  let drawing = false
  values.forEach((value, i) => {
    if (value === null || !Number.isFinite(value)) {
      drawing = false
      return
    }
    const x = 2 + i * step
    const y = box.height - 2 - ((value - min) / span) * (box.height - 4)
    path += `${drawing ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`
    drawing = true
  })
  return path
}
