import { MS_PER_DAY } from '@openvmo/core'

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'))
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'))

/**
 * Formats epoch milliseconds exactly like `new Date(ms).toISOString()` for instants from 1970 to
 * 9999, several times faster: the date part is cached per day and the time part is assembled
 * from digit tables. The benchmark generator formats ten million instants per run.
 */
export class IsoFormatter {
  private readonly dayPrefixes = new Map<number, string>()

  /** `YYYY-MM-DDTHH:mm:ss.sssZ` of `ms` (fractions of a millisecond are dropped). */
  format(ms: number): string {
    const whole = Math.floor(ms)
    const day = Math.floor(whole / MS_PER_DAY)
    let prefix = this.dayPrefixes.get(day)
    if (prefix === undefined) {
      prefix = new Date(day * MS_PER_DAY).toISOString().slice(0, 11)
      this.dayPrefixes.set(day, prefix)
    }
    let rest = whole - day * MS_PER_DAY
    const millis = rest % 1000
    rest = (rest - millis) / 1000
    const seconds = rest % 60
    rest = (rest - seconds) / 60
    const minutes = rest % 60
    const hours = (rest - minutes) / 60
    return `${prefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[millis]}Z`
  }
}
