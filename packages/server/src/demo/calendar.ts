import { MS_PER_DAY } from '@openvmo/core'
import type { SeededRandom } from './seeded-random'

/** One hour in milliseconds. */
export const HOUR_MS = 3_600_000

// Working hours in UTC: 07:00-17:00 is 08:00/09:00-18:00/19:00 in Berlin, summer or winter.
const WORK_START_HOUR = 7
const WORK_END_HOUR = 17
const RELEASE_HOUR = 13
/** Relative arrivals per weekday, Sunday first: busy Mondays, quiet Fridays, almost no weekend. */
const WEEKDAY_ARRIVALS = [0.04, 1.15, 1.05, 1, 0.95, 0.8, 0.06]

/** Start (00:00 UTC) of the day containing `ms`. */
export function dayStart(ms: number): number {
  return Math.floor(ms / MS_PER_DAY) * MS_PER_DAY
}

/** Day of the week of `ms` in UTC, 0 = Sunday. */
export function weekdayOf(ms: number): number {
  return (Math.floor(ms / MS_PER_DAY) + 4) % 7
}

const monthDayByDay = new Map<number, number>()

/** Month × 100 + day of month (UTC), cached per day: the simulation asks millions of times. */
function monthAndDay(ms: number): number {
  const day = Math.floor(ms / MS_PER_DAY)
  let monthDay = monthDayByDay.get(day)
  if (monthDay === undefined) {
    const date = new Date(day * MS_PER_DAY)
    monthDay = (date.getUTCMonth() + 1) * 100 + date.getUTCDate()
    monthDayByDay.set(day, monthDay)
  }
  return monthDay
}

/** Public holidays the company closes for: Christmas to New Year, 1 May and 3 October. */
export function isHoliday(ms: number): boolean {
  const md = monthAndDay(ms)
  return md >= 1224 || md === 101 || md === 501 || md === 1003
}

/** A weekday that is not a holiday. */
export function isWorkingDay(ms: number): boolean {
  const weekday = weekdayOf(ms)
  return weekday !== 0 && weekday !== 6 && !isHoliday(ms)
}

function seasonFactor(ms: number): number {
  const md = monthAndDay(ms)
  if (isHoliday(ms)) return 0.1
  if ((md >= 1218 && md < 1224) || (md >= 102 && md <= 106)) return 0.5
  if (md >= 715 && md <= 831) return 0.7
  return 1
}

/**
 * Relative arrival rate on the day containing `ms`: weekly seasonality (little on weekends),
 * the Christmas–New Year dip and the summer slowdown. 1 is an ordinary Wednesday.
 */
export function arrivalFactor(ms: number): number {
  return (WEEKDAY_ARRIVALS[weekdayOf(ms)] as number) * seasonFactor(ms)
}

/** Work takes longer in the summer holidays (people are away); 1 elsewhere. */
export function paceFactor(ms: number): number {
  const md = monthAndDay(ms)
  return md >= 715 && md <= 831 ? 1.3 : 1
}

function nextWorkingMorning(ms: number, random: SeededRandom): number {
  let day = dayStart(ms) + MS_PER_DAY
  while (!isWorkingDay(day)) day += MS_PER_DAY
  return day + WORK_START_HOUR * HOUR_MS + random.next() * 2 * HOUR_MS
}

/**
 * `ms` when it falls in working hours of a working day, else a moment early on the next working
 * morning: people change statuses while at work.
 */
export function toWorkingTime(ms: number, random: SeededRandom): number {
  const hour = (ms - dayStart(ms)) / HOUR_MS
  if (isWorkingDay(ms) && hour >= WORK_START_HOUR && hour < WORK_END_HOUR) return ms
  if (isWorkingDay(ms) && hour < WORK_START_HOUR) {
    return dayStart(ms) + WORK_START_HOUR * HOUR_MS + random.next() * 2 * HOUR_MS
  }
  return nextWorkingMorning(ms, random)
}

/** A moment during working hours of the day containing `dayMs` (00:00 UTC). */
export function workingMomentOf(dayMs: number, random: SeededRandom): number {
  return dayMs + (WORK_START_HOUR + random.next() * (WORK_END_HOUR - WORK_START_HOUR)) * HOUR_MS
}

/** The first release window (13:00 UTC on a release weekday that is a working day) after `ms`. */
export function nextReleaseTime(ms: number, weekdays: readonly number[]): number {
  let day = dayStart(ms)
  for (;;) {
    const release = day + RELEASE_HOUR * HOUR_MS
    if (release > ms && isWorkingDay(day) && weekdays.includes(weekdayOf(day))) return release
    day += MS_PER_DAY
  }
}
