const HOUR_MS = 3_600_000

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/**
 * Formats instants as Jira's REST API does, in a given IANA zone:
 * `2024-03-01T10:12:00.000+0100`. The zone's offset is looked up once per hour of time (every
 * offset change falls on a whole hour in practice), so formatting 10⁶ timestamps stays cheap.
 */
export class JiraTimeFormat {
  readonly zone: string
  readonly #offsets = new Map<number, number>()
  readonly #parts: Intl.DateTimeFormat

  constructor(zone: string) {
    this.zone = zone
    this.#parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
  }

  /** The zone's offset from UTC at `ms`, in minutes (Berlin in winter: 60). */
  offsetMinutes(ms: number): number {
    const hour = Math.floor(ms / HOUR_MS)
    let offset = this.#offsets.get(hour)
    if (offset === undefined) {
      offset = this.#computeOffset(hour * HOUR_MS)
      this.#offsets.set(hour, offset)
    }
    return offset
  }

  /** `ms` as Jira writes it: local date and time with milliseconds and a `+hhmm` offset. */
  format(ms: number): string {
    const offset = this.offsetMinutes(ms)
    const local = new Date(ms + offset * 60_000)
    const sign = offset < 0 ? '-' : '+'
    const abs = Math.abs(offset)
    return (
      `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
      `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
      `.${pad(local.getUTCMilliseconds(), 3)}${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
    )
  }

  #computeOffset(ms: number): number {
    const parts = Object.fromEntries(
      this.#parts.formatToParts(new Date(ms)).map((p) => [p.type, Number(p.value)]),
    )
    const asUtc = Date.UTC(
      parts.year ?? 0,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
    )
    return Math.round((asUtc - ms) / 60_000)
  }
}
