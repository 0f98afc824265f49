import type { Command } from 'commander'
import { dateOfInstant, isPeriodKind, VmoError } from '@openvmo/core'
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
      'first day of the range (YYYY-MM-DD); default 12 weeks before the as-of date',
    )
    .option('--to <date>', 'day after the range (half-open); default the day after the as-of date')
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

/** Resolves the range, period and scope of a command as of `asOfMs` in `zone`. */
export function resolveRange(options: RangeOptions, asOfMs: number, zone: string) {
  const period = options.period ?? 'week'
  if (!isPeriodKind(period)) {
    throw new VmoError(
      'INVALID_INPUT',
      `--period "${period}" is not one of day, week, month, quarter, year, custom`,
    )
  }
  const to = options.to ?? addDays(dateOfInstant(asOfMs, zone), 1)
  const from = options.from ?? addDays(to, -84)
  const scope: Scope = {}
  if (options.stream) scope.valueStream = options.stream
  if (options.team?.length) scope.teams = options.team
  return { from, to, period: period as PeriodKind, scope }
}
