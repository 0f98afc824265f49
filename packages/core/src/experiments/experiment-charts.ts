import type { ExperimentReport } from './analyze-experiment'

/** The week (its Monday, `YYYY-MM-DD`) of `weeks` that holds `date`: the last one starting on or before it. */
export function weekOf(weeks: readonly { weekStart: string }[], date: string): string | undefined {
  return weeks.filter((w) => w.weekStart <= date).at(-1)?.weekStart
}

/**
 * ECharts option of the before/after chart: the share of each window's measured items per flow
 * time bin (so windows of different sizes compare), as two bar series.
 */
export function experimentDistributionOption(report: ExperimentReport): Record<string, unknown> {
  const { binStartsDays: starts, before, after } = report.histogram
  const share = (counts: number[]) => {
    const total = counts.reduce((a, b) => a + b, 0)
    return counts.map((c) => (total > 0 ? Math.round((c / total) * 1000) / 10 : 0))
  }
  const labels = starts.map((s, i) =>
    i === starts.length - 1 ? `≥ ${s}` : `${s}–${starts[i + 1]}`,
  )
  return {
    legend: { top: 0 },
    grid: { left: 56, right: 24, top: 40, bottom: 48 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: labels,
      name: 'flow time (days)',
      nameLocation: 'middle',
      nameGap: 28,
    },
    yAxis: { type: 'value', name: '% of items' },
    series: [
      {
        type: 'bar',
        name: `before (${report.windows.before.measured} items)`,
        data: share(before),
      },
      { type: 'bar', name: `after (${report.windows.after.measured} items)`, data: share(after) },
    ],
  }
}

/**
 * ECharts option of the scope's weekly flow time p50 and p85 and completions, with the change
 * (and the end of a rollout) marked as vertical lines (markLine) on the week that holds it.
 */
export function experimentTimelineOption(report: ExperimentReport): Record<string, unknown> {
  const { weekly, definition } = report
  const weeks = weekly.map((w) => w.weekStart)
  const marks = [
    { name: 'change', date: definition.changeDate },
    ...(definition.rolloutEndDate
      ? [{ name: 'rollout end', date: definition.rolloutEndDate }]
      : []),
  ].flatMap((m) => {
    const week = weekOf(weekly, m.date)
    return week ? [{ name: `${m.name} ${m.date}`, xAxis: week }] : []
  })
  const markLine = {
    silent: true,
    symbol: 'none',
    lineStyle: { type: 'dashed', color: '#444' },
    label: { formatter: '{b}', position: 'insideEndTop' },
    data: marks,
  }
  return {
    legend: { top: 0 },
    grid: { left: 56, right: 56, top: 40, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: weeks },
    yAxis: [
      { type: 'value', name: 'days' },
      { type: 'value', name: 'items', splitLine: { show: false } },
    ],
    series: [
      { type: 'line', name: 'flow time p85', data: weekly.map((w) => w.flowTimeP85), markLine },
      { type: 'line', name: 'flow time p50', data: weekly.map((w) => w.flowTimeP50) },
      {
        type: 'bar',
        name: 'completed',
        yAxisIndex: 1,
        data: weekly.map((w) => w.completed),
        itemStyle: { opacity: 0.35 },
      },
    ],
  }
}
