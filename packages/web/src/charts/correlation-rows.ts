import type { ResultCorrelationsResponse } from '../api/types'

type Correlation = ResultCorrelationsResponse['correlations'][number]

/** A result's name as words: `employee_happiness` → "employee happiness". */
export function resultWords(name: string): string {
  return name.replaceAll(/[_.-]+/g, ' ')
}

const rho = (value: number) => value.toFixed(2).replace('-', '−')

/** "the same month", "1 month later", "3 weeks later". */
export function lagWords(lag: number, period: string): string {
  if (lag === 0) return `in the same ${period}`
  return `${lag} ${period}${lag === 1 ? '' : 's'} later`
}

/**
 * One sentence for a correlation: "Flow Load moves against employee happiness in the same month:
 * ρ −0.75 (−0.89 to −0.48) over 23 months." Correlation, not cause: "moves with / against".
 */
export function correlationWords(
  c: Correlation,
  at: { metricLabel: string; period: string },
): string {
  if (c.rho === null || c.low === null || c.high === null) {
    return `${at.metricLabel} and ${resultWords(c.result)}: too few ${at.period}s with both (${c.pairs}).`
  }
  const way = c.rho >= 0 ? 'moves with' : 'moves against'
  return `${at.metricLabel} ${way} ${resultWords(c.result)} ${lagWords(c.lag, at.period)}: ρ ${rho(c.rho)} (${rho(c.low)} to ${rho(c.high)}) over ${c.pairs} ${at.period}s.`
}

/** The correlations that hold once every pair tried is counted, strongest first (at most `n`). */
export function strongestHolding(data: ResultCorrelationsResponse, n = 3): Correlation[] {
  return data.correlations
    .filter(
      (c) => c.rho !== null && c.holdsAfterCorrection && !c.cautions.includes('too_few_periods'),
    )
    .sort((a, b) => Math.abs(b.rho ?? 0) - Math.abs(a.rho ?? 0))
    .slice(0, n)
}

/** The heatmap cells: [result index, metric index, rho] with the correlation, rho null as "-". */
export function correlationCells(data: ResultCorrelationsResponse) {
  return data.correlations.map((c) => ({
    value: [
      data.results.indexOf(c.result),
      data.metrics.findIndex((m) => m.name === c.metric),
      c.rho === null ? '-' : Number(c.rho.toFixed(2)),
    ],
    correlation: c,
    // the pairs that hold after counting every pair tried are outlined
    ...(c.holdsAfterCorrection ? { itemStyle: { borderColor: '#212529', borderWidth: 2 } } : {}),
  }))
}

/** A cell's label: rho, and `+n` below it when the result follows n periods later. */
export function cellLabel(c: Correlation): string {
  if (c.rho === null) return '–'
  const value = rho(c.rho)
  return c.lag > 0 ? `${value}\n+${c.lag}` : value
}
