/** Data ending at least this many days before now is called out, with the as-of date offered. */
export const STALE_DATA_DAYS = 30

const DAY_MS = 86_400_000

/**
 * When the data's latest instant (`dataEnd`, ISO) is long before `nowMs`: its day (UTC, as the
 * as-of control reads days) and how many whole days ago; undefined when recent or unknown.
 */
export function staleDataEnd(
  dataEnd: string | null | undefined,
  nowMs: number,
): { date: string; daysAgo: number } | undefined {
  if (!dataEnd) return undefined
  const ms = Date.parse(dataEnd)
  if (Number.isNaN(ms)) return undefined
  const daysAgo = Math.floor((nowMs - ms) / DAY_MS)
  if (daysAgo < STALE_DATA_DAYS) return undefined
  return { date: new Date(ms).toISOString().slice(0, 10), daysAgo }
}
