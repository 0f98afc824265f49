import { useMemo, useState } from 'react'
import { ColorSwatch, Group, Switch, Text } from '@mantine/core'
import type { FlowItemType } from '@openvmo/core'
import type { AgingWipResponse, DurationSummaryResponse } from '../api/types'
import { html, htmlFragment } from '../format/html'
import type { PickedItem } from './FlowTimeScatter'
import { EChart } from './EChart'
import { BASE_OPTION, label, shownTypes } from './chart-common'
import { agingColumns, agingRows, jitter } from './flow-series'
import { TYPE_COLORS } from './palette'

type Bound = number

/** The percentile bands, lowest first: their names and colours, drawn and in the key below. */
const BANDS = [
  { name: '< p50', color: '#2f9e44' },
  { name: 'p50–p85', color: '#fab005' },
  { name: 'p85–p95', color: '#f76707' },
  { name: '> p95', color: '#e03131' },
] as const

function band(name: string, range: [Bound, Bound], color: string) {
  return [{ name, yAxis: range[0], itemStyle: { color, opacity: 0.12 } }, { yAxis: range[1] }]
}

/** The day range of each band in words: `under 13.2 d`, `13.2–18.3 d`, `over 31.4 d`. */
function bandRanges(summary: DurationSummaryResponse): string[] {
  const d = (v: number) => v.toFixed(1)
  return [
    `under ${d(summary.p50)} d`,
    `${d(summary.p50)}–${d(summary.p85)} d`,
    `${d(summary.p85)}–${d(summary.p95)} d`,
    `over ${d(summary.p95)} d`,
  ]
}

/**
 * The key of the percentile bands, as a wrapping row of labelled swatches under the chart: band
 * labels drawn inside the plot overlapped where bands are thin, a row of its own never does.
 */
function BandKey(props: { summary: DurationSummaryResponse | null }) {
  if (!props.summary) return null
  const ranges = bandRanges(props.summary)
  return (
    <Group gap="md" mt={6} wrap="wrap" data-testid="aging-band-key" aria-label="Percentile bands">
      {BANDS.map((b, i) => (
        <Group key={b.name} gap={6} wrap="nowrap" data-testid="aging-band-label">
          <ColorSwatch color={b.color} size={12} radius={2} aria-hidden />
          <Text size="xs">
            <Text span fw={600} size="xs">
              {b.name}
            </Text>{' '}
            {ranges[i]}
          </Text>
        </Group>
      ))}
    </Group>
  )
}

/** The lowest age drawn on the log scale (days); younger items sit on this line. */
const LOG_FLOOR = 0.1

function percentileBands(
  summary: DurationSummaryResponse | null,
  range: { floor: number; top: number },
) {
  if (!summary) return undefined
  const [low, mid, high, top] = BANDS
  return {
    silent: true,
    // Named in the key under the chart: labels inside thin bands overlapped each other.
    label: { show: false },
    data: [
      band(low.name, [range.floor, summary.p50], low.color),
      band(mid.name, [summary.p50, summary.p85], mid.color),
      band(high.name, [summary.p85, summary.p95], high.color),
      band(top.name, [summary.p95, Math.max(range.top, summary.p95)], top.color),
    ],
  }
}

/**
 * Aging work in progress: each item in progress as a dot in its current state's column at its
 * age, against the stream's flow-time percentile bands. Click a dot to open the item.
 */
export function AgingWipChart(props: {
  data: AgingWipResponse
  types: readonly FlowItemType[]
  onPick?: (item: PickedItem) => void
}) {
  const types = shownTypes(props.types)
  const items = useMemo(
    () => props.data.items.filter((i) => types.includes(i.flowItem)),
    [props.data.items, types],
  )
  const columns = useMemo(() => agingColumns(items), [items])
  const p95 = props.data.flowTime?.p95
  const longTail = p95 !== undefined && items.some((i) => i.ageDays > p95 * 4)
  const [log, setLog] = useState(longTail)
  const maxAge = items.reduce((max, i) => Math.max(max, i.ageDays), 0)
  const rows = useMemo(() => agingRows(items), [items])
  const option = useMemo(
    () => ({
      ...BASE_OPTION,
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (p: {
          data: { key: string; title: string | null; status: string; age: number }
        }) =>
          html`${p.data.key} · ${p.data.status}: ${p.data.age.toFixed(1)} days
          old${p.data.title ? htmlFragment`<br/>${p.data.title}` : ''}`,
      },
      xAxis: {
        type: 'value',
        min: -0.5,
        max: Math.max(columns.length - 0.5, 0.5),
        // Ticks every half column so that the whole ones, at the column centres, carry the names.
        interval: 0.5,
        splitLine: { show: false },
        axisTick: { show: false },
        axisLabel: {
          formatter: (v: number) => (Number.isInteger(v) ? (columns[v] ?? '') : ''),
          interval: 0,
          rotate: columns.length > 6 ? 30 : 0,
          width: 110,
          overflow: 'truncate',
        },
      },
      grid: { ...BASE_OPTION.grid, bottom: columns.length > 6 ? 80 : 40 },
      yAxis: {
        ...(log
          ? { type: 'log', name: 'age (days, log scale)', min: LOG_FLOOR, logBase: 10 }
          : { type: 'value', name: 'age (days)' }),
        axisLine: { show: true, onZero: false },
      },
      series: types.map((type, index) => ({
        name: label(type),
        type: 'scatter',
        symbolSize: 8,
        color: TYPE_COLORS[type],
        cursor: 'pointer',
        data: items
          .filter((i) => i.flowItem === type)
          .map((i) => ({
            value: [
              columns.indexOf(i.status) + jitter(`${i.source}:${i.key}`),
              log ? Math.max(i.ageDays, LOG_FLOOR) : i.ageDays,
            ],
            key: i.key,
            source: i.source,
            title: i.title,
            status: i.status,
            age: i.ageDays,
          })),
        markArea:
          index === 0
            ? percentileBands(props.data.flowTime, {
                floor: log ? LOG_FLOOR : 0,
                top: maxAge * 1.05,
              })
            : undefined,
      })),
    }),
    [columns, items, log, maxAge, props.data.flowTime, types],
  )
  const onPick = props.onPick
  return (
    <EChart
      covers={props.data}
      title="Aging work in progress"
      description={`Age of the ${items.length} items in progress by current state, against the flow-time percentile bands of completed items (green below p50, red above p95).`}
      option={option}
      height={360}
      csv={{ rows }}
      footer={<BandKey summary={props.data.flowTime} />}
      actions={
        <Switch
          size="xs"
          label="Log scale"
          checked={log}
          onChange={(e) => setLog(e.currentTarget.checked)}
        />
      }
      onItemClick={
        onPick
          ? (click) => {
              const data = click.data as { source?: string; key?: string } | undefined
              if (data?.source && data.key) onPick({ source: data.source, key: data.key })
            }
          : undefined
      }
    />
  )
}
