import type { Command } from 'commander'
import { dateOfInstant, defaultRange, isPeriodKind, VmoError } from '@openvmo/core'
import type { CalendarDate, PeriodKind, Scope } from '@openvmo/core'

/** Range and scope flags of the metric commands. */
export interface RangeOptions {
  from?: string
  to?: string
  period?: string
  stream?: string
  team?: string[]
}

/** Adds `--from --to --period --stream --team` to a command. */
export function addRangeOptions(command: Command, defaultPeriod = 'week'): Command {
  return command
    .option(
      '--from <date>',
      'first day of the range (YYYY-MM-DD); default as in the dashboard: 12 whole weeks (30 days, 12 months, 8 quarters, 3 years) up to the one of the as-of date',
    )
    .option(
      '--to <date>',
      'day after the range (half-open); default the end of the period of the as-of date',
    )
    .option('--period <period>', 'day, week, month, quarter, year or custom', defaultPeriod)
    .option('--stream <name>', 'value stream (from the mapping file)')
    .option('--team <name...>', 'team(s)')
}

/** `date` moved by `days` calendar days. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/**
 * Resolves the range, period and scope of a command as of `asOfMs` in `zone`. Without `--from`
 * and `--to` the range is the dashboard's and the API's ({@link defaultRange}: whole periods up
 * to the one containing the as-of date; weeks for `custom`), so the same question gets the same
 * answer everywhere.
 */
export function resolveRange(options: RangeOptions, asOfMs: number, zone: string) {
  const period = options.period ?? 'week'
  if (!isPeriodKind(period)) {
    throw new VmoError(
      'INVALID_INPUT',
      `--period "${period}" is not one of day, week, month, quarter, year, custom`,
    )
  }
  const range = defaultRange(dateOfInstant(asOfMs, zone), period === 'custom' ? 'week' : period)
  const to = options.to ?? range.to
  const from = options.from ?? range.from
  const scope: Scope = {}
  if (options.stream) scope.valueStream = options.stream
  if (options.team?.length) scope.teams = options.team
  return { from, to, period: period as PeriodKind, scope }
}
