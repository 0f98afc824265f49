import { useEffect, useRef } from 'react'
import type { ReactNode } from 'react'
import { Button, Card, Group, Text, Title, useComputedColorScheme } from '@mantine/core'
import { IconFileSpreadsheet, IconPhoto } from '@tabler/icons-react'
import { echarts } from './echarts-setup'
import type { ECharts, EChartsCoreOption } from './echarts-setup'
import type { CsvRow } from './to-csv'
import { toCsv } from './to-csv'
import { downloadBytes, downloadText } from './download'
import type { ChartCovers } from './export-meta'
import { exportLines, exportMeta } from './export-meta'
import { composePng } from './png-export'
import { useFilters } from '../state/use-filters'

/** What a click on a data point reports, for drill-downs. */
export interface ChartClick {
  seriesName: string | undefined
  name: string | undefined
  dataIndex: number
  data: unknown
}

export interface EChartProps {
  /** Visible title; also the export file name. */
  title: string
  /** One sentence saying what the chart shows, read by screen readers. */
  description: string
  option: EChartsCoreOption
  /** The rows the chart shows, exported as CSV. */
  csv: { rows: readonly CsvRow[]; columns?: readonly string[] }
  height?: number
  onItemClick?: (click: ChartClick) => void
  /** Controls shown beside the export buttons (a metric switch, a legend note). */
  actions?: ReactNode
  footer?: ReactNode
  /** What the API said the data covers (range, as-of, time zone), written into the exports. */
  covers?: ChartCovers
}

const BACKGROUND = { light: '#ffffff', dark: '#242424' } as const
const TEXT = { light: '#212529', dark: '#f1f3f5' } as const
const MUTED = { light: '#495057', dark: '#ced4da' } as const

function useChart(
  ref: React.RefObject<HTMLDivElement | null>,
  scheme: 'light' | 'dark',
): React.RefObject<ECharts | null> {
  const chartRef = useRef<ECharts | null>(null)
  useEffect(() => {
    const element = ref.current
    if (!element) return undefined
    const chart = echarts.init(element, scheme === 'dark' ? 'dark' : undefined, {
      renderer: 'canvas',
    })
    chartRef.current = chart
    // End-to-end tests set `window.__openvmoCharts` before the page loads, to hover every data
    // point where it is drawn (the stored-XSS test); nothing else reads it.
    ;(window as { __openvmoCharts?: ECharts[] }).__openvmoCharts?.push(chart)
    const observer = new ResizeObserver(() => chart.resize())
    observer.observe(element)
    return () => {
      observer.disconnect()
      chart.dispose()
      chartRef.current = null
    }
  }, [ref, scheme])
  return chartRef
}

/**
 * One ECharts chart in a card: created and disposed with the component, resized with its box,
 * drawn in the light or dark theme, labelled for screen readers, with "Export PNG" (the canvas as
 * drawn under a header) and "Export CSV" (the rows it shows after a `#` header block); both headers
 * and file names carry the title, the filters, the period and the as-of date.
 */
export function EChart(props: EChartProps) {
  const { title, description, option, csv, height = 320, onItemClick, actions, footer } = props
  const { filters } = useFilters()
  const scheme = useComputedColorScheme('light')
  const element = useRef<HTMLDivElement | null>(null)
  const chart = useChart(element, scheme)

  useEffect(() => {
    chart.current?.setOption({ backgroundColor: 'transparent', ...option }, { notMerge: true })
  }, [chart, option, scheme])

  useEffect(() => {
    const current = chart.current
    if (!current || !onItemClick) return undefined
    const handler = (params: unknown) => onItemClick(params as ChartClick)
    current.on('click', handler)
    return () => {
      current.off('click', handler)
    }
  }, [chart, onItemClick, scheme])

  // Both files say what they show: title, filters, period and as-of, in a header and the name.
  const exportPng = () => {
    const meta = exportMeta(title, filters, props.covers)
    const url = chart.current?.getDataURL({
      type: 'png',
      pixelRatio: 2,
      backgroundColor: BACKGROUND[scheme],
    })
    if (!url) return
    void composePng(url, exportLines(meta), {
      background: BACKGROUND[scheme],
      color: TEXT[scheme],
      muted: MUTED[scheme],
      pixelRatio: 2,
    }).then(
      (bytes) => downloadBytes(bytes, `${meta.fileStem}.png`, 'image/png'),
      (error: unknown) => console.error(error),
    )
  }
  const exportCsv = () => {
    const meta = exportMeta(title, filters, props.covers)
    downloadText(toCsv(csv.rows, csv.columns, exportLines(meta)), `${meta.fileStem}.csv`)
  }

  return (
    <Card withBorder padding="md" radius="md" component="figure" m={0}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs" mb="xs">
        <Title order={3} size="h5">
          {title}
        </Title>
        {/* wraps on a narrow screen rather than pushing the export buttons out of the card */}
        <Group gap={4} wrap="wrap" justify="flex-end">
          {actions}
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconPhoto size={14} aria-hidden />}
            onClick={exportPng}
            aria-label={`Export ${title} as PNG`}
          >
            PNG
          </Button>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconFileSpreadsheet size={14} aria-hidden />}
            onClick={exportCsv}
            aria-label={`Export ${title} as CSV`}
          >
            CSV
          </Button>
        </Group>
      </Group>
      <div ref={element} role="img" aria-label={`${title}: ${description}`} style={{ height }} />
      <Text component="figcaption" size="xs" c="dimmed" mt={4}>
        {description}
      </Text>
      {footer}
    </Card>
  )
}
