import type { DataQualityResponse } from '../../api/types'

/** One finding of the Data quality page: its count, what it does, and the listed items with it. */
export interface FindingGroup {
  flag: string
  title: string
  items: number
  rule: string
  listed: { source: string; key: string }[]
  /** Whether a mapping rule (`treatAs`) can correct it. */
  treatable: boolean
}

/** The findings a mapping rule with `treatAs` can act on. */
const TREATABLE = new Set([
  'bulk_close',
  'closed_without_resolution',
  'resolved_before_created',
  'done_without_start',
])

/** A finding's name for people: `bulk_close` → `Bulk close`. */
export function findingTitle(flag: string): string {
  const words = flag.replaceAll('_', ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** The report's findings in its order, each with the listed items that have it. */
export function findingGroups(report: DataQualityResponse): FindingGroup[] {
  return report.findings.map((finding) => ({
    flag: finding.flag,
    title: findingTitle(finding.flag),
    items: finding.items,
    rule: finding.rule,
    listed: report.items
      .filter((item) => item.flags.includes(finding.flag))
      .map((item) => ({ source: item.source, key: item.key })),
    treatable: TREATABLE.has(finding.flag),
  }))
}
