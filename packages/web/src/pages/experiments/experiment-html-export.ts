import type { ExperimentReport } from '@openvmo/core'
import { experimentHtml } from '@openvmo/core'
import { echarts } from '../../charts/echarts-setup'
import { downloadText } from '../../charts/download'

/** Draws an option to an SVG string with ECharts' SSR mode (no canvas, no DOM). */
function renderSvg(option: Record<string, unknown>, height = 320): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 960, height })
  try {
    chart.setOption({ animation: false, ...option })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

/**
 * Downloads the report as the one self-contained HTML page `vmo experiment show --html` writes
 * (the same builder from core, the charts as inline SVG).
 */
export function downloadExperimentHtml(report: ExperimentReport & { asOf: string }): void {
  downloadText(
    experimentHtml(report, renderSvg),
    `experiment-${report.definition.id}.html`,
    'text/html',
  )
}
