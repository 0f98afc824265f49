/**
 * `npm run bench -- calibration`: do the forecasts come true? Replays forecasts at monthly as-of
 * dates over a history and compares them with what happened next, as a user would have seen them:
 * "how many items in the next 30 days" and "when will the next N items be done" (N = the items
 * done in the 30 days before), each uncalibrated and calibrated on its own backtest. Prints the
 * share of 50/85/95% answers that came true (goal: 50±5, 85±4, 95±3).
 * Histories: generated completions with throughput shifts (seeded), and the Appcelerator Jira
 * archive's projects when APPCELERATOR_CSV (default: the shared data folder) exists.
 */
import { createReadStream, existsSync } from 'node:fs'
import { parse } from 'csv-parse'
import {
  CONFIDENCE_LEVELS,
  computeDailyThroughput,
  createSeededRandom,
  dateOfInstant,
  forecastHowMany,
  forecastHowManyCalibrated,
  forecastWhen,
  forecastWhenCalibrated,
  lowerBound,
  sortedBefore,
  startOfDate,
} from '../../packages/core/src/index'
import { addDaysToDate } from '../../packages/core/src/forecast/forecast-common'

const ZONE = 'UTC'
const DAY = 86_400_000
const HORIZON_DAYS = 30
const LEVELS = [0.5, 0.85, 0.95] as const
const CSV = process.env.APPCELERATOR_CSV ?? '../shared/data/appcelerator-jira-archive/issues.csv'

type Tally = Record<string, { hits: number[]; evaluated: number }>

function tally(): Tally {
  const t: Tally = {}
  for (const k of ['how-many raw', 'how-many calibrated', 'when raw', 'when calibrated'])
    t[k] = { hits: [0, 0, 0], evaluated: 0 }
  return t
}

function record(t: Tally, key: string, hitAt: (level: number) => boolean): void {
  const entry = t[key]!
  entry.evaluated++
  LEVELS.forEach((level, k) => {
    if (hitAt(level)) entry.hits[k]!++
  })
}

const pick = <T extends { level: number }>(c: T[], level: number) =>
  c[CONFIDENCE_LEVELS.indexOf(level as never)]!

/** One as-of date: both questions, raw and calibrated, scored against what happened. */
function replayAt(
  history: { completionsMs: Float64Array; sorted: Float64Array },
  asOfMs: number,
  t: Tally,
) {
  const { completionsMs, sorted } = history
  const asOfDate = dateOfInstant(asOfMs, ZONE)
  const untilDate = addDaysToDate(asOfDate, HORIZON_DAYS)
  // The horizon starts at the as-of instant (docs/metrics.md, "The as-of day").
  const fromMs = asOfMs
  const toMs = startOfDate(addDaysToDate(untilDate, 1), ZONE)
  const actual = lowerBound(sorted, toMs) - lowerBound(sorted, fromMs)
  const base = { asOfMs, timezone: ZONE, completionsMs }
  const throughput = computeDailyThroughput(completionsMs, base)
  const raw = forecastHowMany(throughput, { ...base, untilDate, random: createSeededRandom(1) })
  if (raw.kind !== 'forecast') return
  const cal = forecastHowManyCalibrated({ ...base, untilDate }).forecast
  if (cal.kind !== 'forecast') return
  record(t, 'how-many raw', (l) => actual >= pick(raw.confidence, l).items)
  record(t, 'how-many calibrated', (l) => actual >= pick(cal.confidence, l).items)

  const lastMonth = lowerBound(sorted, asOfMs) - lowerBound(sorted, asOfMs - HORIZON_DAYS * DAY)
  const items = Math.max(1, lastMonth)
  const nth = sorted[lowerBound(sorted, fromMs) + items - 1]
  if (nth === undefined) return
  const doneDate = dateOfInstant(nth, ZONE)
  const rawWhen = forecastWhen(throughput, { ...base, items, random: createSeededRandom(1) })
  const calWhen = forecastWhenCalibrated({ ...base, items }).forecast
  if (rawWhen.kind !== 'forecast' || calWhen.kind !== 'forecast') return
  record(t, 'when raw', (l) => doneDate <= pick(rawWhen.confidence, l).date)
  record(t, 'when calibrated', (l) => doneDate <= pick(calWhen.confidence, l).date)
}

/** Replays monthly as-of dates from a year after the first completion to 30 days before the last. */
function replay(name: string, completionsMs: Float64Array, t: Tally): void {
  const sorted = sortedBefore(completionsMs, Infinity)
  const first = new Date(sorted[0]! + 365 * DAY)
  const lastMs = sorted[sorted.length - 1]! - HORIZON_DAYS * DAY
  let months = 0
  for (
    let d = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1);
    d < lastMs;
    d = Date.UTC(new Date(d).getUTCFullYear(), new Date(d).getUTCMonth() + 1, 1)
  ) {
    replayAt({ completionsMs, sorted }, d, t)
    months++
  }
  process.stdout.write(`  ${name}: ${sorted.length} completions, ${months} monthly as-of dates\n`)
}

/** Completions of a seeded Poisson process whose rate shifts: `rates` per day, one per phase. */
function generated(seed: number, phases: { days: number; perDay: number }[]): Float64Array {
  const random = createSeededRandom(seed)
  const out: number[] = []
  let day = Date.UTC(2018, 0, 1)
  for (const phase of phases) {
    for (let d = 0; d < phase.days; d++, day += DAY) {
      // Weekdays only, with a day-to-day wobble of ±50% around the phase's rate.
      const weekday = new Date(day).getUTCDay() % 6 !== 0
      const rate = weekday ? phase.perDay * 1.4 * (0.5 + random.nextFloat()) : 0
      let k = 0
      for (let p = Math.exp(-rate), s = random.nextFloat(); s > p; s *= random.nextFloat()) k++
      for (let i = 0; i < k; i++) out.push(day + 9 * 3_600_000 + random.nextFloat() * 8 * 3_600_000)
    }
  }
  return Float64Array.from(out)
}

async function readAppcelerator(path: string): Promise<Map<string, number[]>> {
  const byProject = new Map<string, number[]>()
  const parser = createReadStream(path).pipe(parse({ columns: true, bom: true }))
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    if (row.status_category !== 'done' || !['Fixed', 'Done'].includes(row.resolution ?? ''))
      continue
    const ms = Date.parse((row.resolutiondate ?? '').replace(/\+0000$/, 'Z'))
    if (!Number.isFinite(ms)) continue
    const list = byProject.get(row.project ?? '') ?? []
    list.push(ms)
    byProject.set(row.project ?? '', list)
  }
  return byProject
}

function print(title: string, t: Tally): void {
  process.stdout.write(
    `${title}\n  ${'question'.padEnd(22)} ${'n'.padStart(5)}   50%   85%   95%\n`,
  )
  for (const [key, { hits, evaluated }] of Object.entries(t)) {
    const rates = hits.map((h) => `${((100 * h) / Math.max(1, evaluated)).toFixed(0)}%`.padStart(5))
    process.stdout.write(
      `  ${key.padEnd(22)} ${String(evaluated).padStart(5)} ${rates.join(' ')}\n`,
    )
  }
}

async function main(): Promise<void> {
  const started = Date.now()
  const synthetic = tally()
  process.stdout.write('calibration replay (monthly as-of dates, 30-day horizon)\n')
  replay(
    'generated, 3/day then 6/day',
    generated(1, [
      { days: 700, perDay: 3 },
      { days: 700, perDay: 6 },
    ]),
    synthetic,
  )
  replay(
    'generated, 8/day then 2/day',
    generated(2, [
      { days: 800, perDay: 8 },
      { days: 600, perDay: 2 },
    ]),
    synthetic,
  )
  replay('generated, steady 4/day', generated(3, [{ days: 1400, perDay: 4 }]), synthetic)
  print('generated histories with a throughput shift', synthetic)
  if (!existsSync(CSV)) {
    process.stdout.write(
      'skipped the Appcelerator archive: its issues.csv is absent (APPCELERATOR_CSV)\n',
    )
  } else {
    const real = tally()
    const byProject = await readAppcelerator(CSV)
    for (const [project, list] of byProject) {
      if (list.length >= 250) replay(`Appcelerator ${project}`, Float64Array.from(list), real)
    }
    print('Appcelerator Jira archive (Fixed/Done resolutions per project)', real)
  }
  process.stdout.write(`(${((Date.now() - started) / 1000).toFixed(1)} s)\n`)
}

await main()
