/**
 * Which links mean that one item waits on another. Links are stored as phrases read from the
 * tools (Jira's outward and inward names, GitHub's issue dependencies), so both directions of a
 * relation appear: "A blocks B" and "B is blocked by A" say the same thing.
 */

// `from` holds `to` up: A blocks B, A is depended on by B, A is a prerequisite of B.
const HOLDS_UP = new Set([
  'blocks',
  'blocking',
  'is depended on by',
  'is dependency of',
  'is a dependency of',
  'is prerequisite of',
  'is a prerequisite of',
])

// `to` holds `from` up: A is blocked by B, A depends on B, A has prerequisite B.
const HELD_UP_BY = new Set([
  'is blocked by',
  'blocked by',
  'blocked_by',
  'depends on',
  'has prerequisite',
  'requires',
])

const phrase = (type: string) => type.trim().toLowerCase().replace(/\s+/g, ' ')

/**
 * The end of a link that holds `item` up (`'from'` or `'to'`), or null when the link is not a
 * blocking relation of `item` (another kind, or `item` is the blocker).
 */
export function blockerEnd(
  link: { from: string; to: string; type: string },
  item: string,
): 'from' | 'to' | null {
  const type = phrase(link.type)
  if (HOLDS_UP.has(type) && link.to === item && link.from !== item) return 'from'
  if (HELD_UP_BY.has(type) && link.from === item && link.to !== item) return 'to'
  return null
}
