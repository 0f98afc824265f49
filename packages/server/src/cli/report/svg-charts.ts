import * as echarts from 'echarts/core'
import { BarChart, LineChart, ScatterChart } from 'echarts/charts'
import { GridComponent, LegendComponent, MarkLineComponent } from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'
import type { SvgRenderer } from './report-html'

echarts.use([
  BarChart,
  LineChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  SVGRenderer,
])

const PALETTE = ['#3b6fd4', '#d4553b', '#d4a23b', '#6a3bd4', '#3bb07a', '#8c8c8c']

/** Renders charts to SVG strings with ECharts' server-side renderer (no browser, no DOM). */
export const renderSvg: SvgRenderer = (option, height = 320) => {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 960, height })
  try {
    chart.setOption({ animation: false, color: PALETTE, ...option })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}
