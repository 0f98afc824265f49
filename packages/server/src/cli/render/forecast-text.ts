import type {
  forecastScopeHowMany,
  forecastScopeWhen,
  ItemForecastResult,
  InsufficientData,
} from '@openvmo/core'

type WhenResult = ReturnType<typeof forecastScopeWhen>
type HowManyResult = ReturnType<typeof forecastScopeHowMany>

const pct = (level: number) => `${Math.round(level * 100)}%`

function refusal(r: InsufficientData): string {
  return `cannot forecast: ${r.reason} (sample ${r.sampleSize}, needs ${r.required})\n`
}

function backtestLine(b: { evaluated: number; hits: number; hitRate: number | null }): string {
  if (b.hitRate === null) return 'backtest: no past forecast could be checked yet\n'
  return `backtest: the 85% forecast held in ${b.hits} of ${b.evaluated} past checkpoints (${pct(b.hitRate)})\n`
}

interface CalibrationText {
  calibration: {
    checkpoints: number
    adjusted: boolean
    levels: { level: number; adjustedLevel: number; hitRate: number | null }[]
  }
  warnings: { message: string }[]
}

/** The calibration beside the answer: measured hit rates and the adjusted levels; warnings. */
function calibrationLines(result: CalibrationText): string {
  const { calibration } = result
  const levels = calibration.levels
    .map((l) => {
      const hit = l.hitRate === null ? 'n/a' : pct(l.hitRate)
      return `${pct(l.level)} came true ${hit}, answered at p${(l.adjustedLevel * 100).toFixed(1)}`
    })
    .join('; ')
  const widened = calibration.levels
    .filter((l) => l.adjustedLevel !== l.level)
    .map((l) => `${pct(l.level)} answered at p${(l.adjustedLevel * 100).toFixed(1)}`)
  const head = calibration.adjusted
    ? `calibrated on ${calibration.checkpoints} past forecasts: ${levels}`
    : `not calibrated (${calibration.checkpoints} past forecasts scored)` +
      (widened.length > 0 ? `; too few to check the tails: ${widened.join(', ')}` : '')
  return [head, ...result.warnings.map((w) => `warning: ${w.message}`)].join('\n') + '\n'
}

/** Text of `vmo forecast when`. */
export function renderWhen(result: WhenResult, items: number): string {
  const f = result.forecast
  if (f.kind !== 'forecast') return refusal(f)
  const lines = [`when will ${items} items be done (${f.trials.toLocaleString('en')} trials):`]
  for (const c of f.confidence)
    lines.push(`  ${pct(c.level).padStart(4)} by ${c.date} (${c.days} days)`)
  lines.push(
    `sample: ${f.sample.completions} completions over ${f.sample.days} days (${f.sample.from} to ${f.sample.to})`,
  )
  return `${lines.join('\n')}\n${calibrationLines(result)}${backtestLine(result.backtest)}`
}

/** Text of `vmo forecast how-many`. */
export function renderHowMany(result: HowManyResult, date: string): string {
  const f = result.forecast
  if (f.kind !== 'forecast') return refusal(f)
  const lines = [`how many items by the end of ${date}:`]
  for (const c of f.confidence) lines.push(`  ${pct(c.level).padStart(4)} at least ${c.items}`)
  lines.push(
    `sample: ${f.sample.completions} completions over ${f.sample.days} days (${f.sample.from} to ${f.sample.to})`,
  )
  return `${lines.join('\n')}\n${calibrationLines(result)}${backtestLine(result.backtest)}`
}

/** Text of `vmo forecast item`. */
export function renderItemForecast(result: ItemForecastResult, key: string): string {
  if (result.kind === 'not_applicable') return `${key}: no forecast, ${result.reason}\n`
  if (result.kind === 'no_delivering_work') return `${key}: ${result.reason}\n`
  if (result.kind !== 'forecast') return refusal(result)
  const { sample } = result
  const head =
    result.rollUp !== null
      ? `${key} is done when the last of ${result.rollUp.items.length} open delivering items is done (${result.rollUp.done} done already):`
      : result.basis === 'in_progress'
        ? `${key} is in progress; based on ${sample.flowTimes} completed items that took longer than its age (${(sample.ageDays ?? 0).toFixed(1)} days):`
        : `${key} has not started; ${sample.itemsAhead ?? 0} items are ahead of it in its queue (${sample.flowTimes} flow times):`
  const lines = [
    head,
    ...result.confidence.map((c) => `  ${pct(c.level).padStart(4)} done by ${c.date}`),
    ...(result.rollUp?.items ?? []).map(
      (w) =>
        `  waits on ${w.source}:${w.key} (${w.basis.replace('_', ' ')}, 85% by ${w.date85}, last in ${pct(w.criticalShare)} of trials)${result.rollUp?.critical === `${w.source}:${w.key}` ? ' critical' : ''}`,
    ),
  ]
  const calibration =
    result.calibration === null
      ? result.rollUp !== null
        ? 'each delivering item drawn from its own calibrated forecast\n'
        : ''
      : calibrationLines({ calibration: result.calibration, warnings: [] })
  const warnings = result.warnings.map((w) => `warning: ${w.message}\n`).join('')
  return `${lines.join('\n')}\n${calibration}${warnings}`
}

/** Text of `vmo forecast set`. */
export function renderSetForecast(result: {
  set: { matched: number; open: number; done: number }
  forecast: ItemForecastResult
}): string {
  const { matched, open, done } = result.set
  const head = `the set: ${matched} items, ${open} open, ${done} done\n`
  return head + renderItemForecast(result.forecast, 'the set')
}
