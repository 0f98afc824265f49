import type { ItemJourneyResponse, JourneyNode } from '../schemas/item-schemas'
import { nodeId } from './journey-graph'

/** The source every restricted item shows (its own source would say where it lives). */
export const RESTRICTED_SOURCE = 'restricted'

/**
 * An item's journey as a principal who may not read every stream sees it: each linked item it
 * may not read (`hidden`) becomes a node `{ restricted: true }` with a stand-in key
 * (`restricted-1`, …), no title, link, type or status, in the nodes, the edges, what the item
 * waits on and its forecast's roll-up; a parent it may not read becomes null.
 */
export function redactJourney(
  journey: ItemJourneyResponse,
  hidden: (source: string, key: string) => boolean,
): ItemJourneyResponse {
  const aliases = new Map<string, string>()
  const alias = (id: { source: string; key: string }) => {
    const full = nodeId(id)
    let key = aliases.get(full)
    if (key === undefined) {
      key = `restricted-${aliases.size + 1}`
      aliases.set(full, key)
    }
    return key
  }
  const isHidden = (id: { source: string; key: string }) => hidden(id.source, id.key)
  const ref = <T extends { source: string; key: string }>(id: T): T =>
    isHidden(id) ? { ...id, source: RESTRICTED_SOURCE, key: alias(id) } : id
  const node = <N extends JourneyNode>(n: N): N =>
    n.known && isHidden(n)
      ? {
          ...n,
          source: RESTRICTED_SOURCE,
          key: alias(n),
          title: null,
          url: null,
          type: null,
          status: null,
          flowState: null,
          restricted: true,
        }
      : n
  const nodes = journey.links.nodes.map(node)
  const idOf = (id: string) => {
    const found = journey.links.nodes.find((n) => nodeId(n) === id)
    return found && found.known && isHidden(found) ? nodeId(ref(found)) : id
  }
  const { forecast } = journey
  const rollUp = forecast.kind === 'forecast' ? forecast.rollUp : null
  const critical = rollUp?.items.find((item) => nodeId(item) === rollUp.critical)
  const parent = journey.item.parent
  return {
    ...journey,
    item: {
      ...journey.item,
      parent: parent !== null && hidden(journey.item.source, parent) ? null : parent,
    },
    links: {
      nodes,
      edges: journey.links.edges.map((e) => ({ ...e, from: idOf(e.from), to: idOf(e.to) })),
    },
    waitsOn: journey.waitsOn && {
      ...journey.waitsOn,
      blockers: journey.waitsOn.blockers.map((b) => ({
        ...node(b),
        blockedBy: b.blockedBy.map(node),
      })),
    },
    forecast:
      forecast.kind === 'forecast' && rollUp
        ? {
            ...forecast,
            rollUp: {
              ...rollUp,
              items: rollUp.items.map(ref),
              critical: critical ? nodeId(ref(critical)) : rollUp.critical,
              leftOut: rollUp.leftOut.map(ref),
            },
          }
        : forecast,
  }
}
