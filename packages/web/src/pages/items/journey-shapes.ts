import type {
  DurationSummaryResponse,
  ItemJourneyResponse,
  JourneyNode,
  StateStretch,
} from '../../api/types'

/** One stretch of the item's state timeline placed on a 0..1 axis from creation to as-of. */
export interface TimelineSegment {
  status: string
  flowState: StateStretch['flowState']
  from: string
  to: string | null
  days: number
  /** Left edge and width as fractions of the whole timeline. */
  offset: number
  width: number
}

const DAY = 86_400_000

/** Places the state stretches between the first stretch's start and `asOf` (open stretches end there). */
export function timelineSegments(
  timeline: readonly StateStretch[],
  asOf: string,
  endedAt: string | null = null,
): TimelineSegment[] {
  const first = timeline[0]
  if (!first) return []
  const start = Date.parse(first.from)
  // An ended item's bar stops where it ended: time spent done would otherwise dominate it.
  const end = Math.max(endedAt === null ? Date.parse(asOf) : Date.parse(endedAt), start)
  const span = end - start || 1
  return timeline.map((s) => {
    const from = Date.parse(s.from)
    const to = s.to === null ? Date.parse(asOf) : Date.parse(s.to)
    const shown = Math.max(Math.min(to, end) - Math.min(from, end), 0)
    return {
      status: s.status,
      flowState: s.flowState,
      from: s.from,
      to: s.to,
      days: (Math.max(to, from) - from) / DAY,
      offset: (Math.min(from, end) - start) / span,
      width: shown / span,
    }
  })
}

/** Where an age falls against flow-time percentiles. */
export type AgeBand = 'below_p50' | 'p50_p85' | 'p85_p95' | 'above_p95'

/** The percentile band of `ageDays` in `summary`; null when either is missing. */
export function ageBand(
  ageDays: number | null,
  summary: DurationSummaryResponse | null,
): AgeBand | null {
  if (ageDays === null || !summary) return null
  if (ageDays < summary.p50) return 'below_p50'
  if (ageDays < summary.p85) return 'p50_p85'
  if (ageDays < summary.p95) return 'p85_p95'
  return 'above_p95'
}

/** The journey's linked items grouped by distance from the item (depth 0 is the item itself). */
export function journeyLevels(
  links: ItemJourneyResponse['links'],
): { depth: number; nodes: JourneyNode[] }[] {
  const byDepth = new Map<number, JourneyNode[]>()
  for (const node of links.nodes) {
    const list = byDepth.get(node.depth) ?? []
    list.push(node)
    byDepth.set(node.depth, list)
  }
  return [...byDepth.entries()]
    .sort(([a], [b]) => a - b)
    .map(([depth, nodes]) => ({ depth, nodes }))
}

/** The key part of a `source:key` node id. */
function keyOf(id: string): string {
  const colon = id.indexOf(':')
  return colon < 0 ? id : id.slice(colon + 1)
}

/** How each node relates to the others: `source:key` → `blocks → PAY-130`, `parent ← PAY-100`. */
export function linkLabels(links: ItemJourneyResponse['links']): Map<string, string[]> {
  const labels = new Map<string, string[]>()
  const add = (id: string, text: string) => labels.set(id, [...(labels.get(id) ?? []), text])
  for (const edge of links.edges) {
    add(edge.from, `${edge.type} → ${keyOf(edge.to)}`)
    add(edge.to, `${edge.type} ← ${keyOf(edge.from)}`)
  }
  return labels
}
