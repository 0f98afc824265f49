import type { UnmappedValueResponse } from '../api/types'

const MAX_NAMED = 5

/** One sentence naming the unmapped values that items use (the first few) and their item counts. */
export function unmappedSentence(unmapped: {
  states: readonly UnmappedValueResponse[]
  types: readonly UnmappedValueResponse[]
}): string {
  const used = [
    ...unmapped.states.filter((v) => v.items > 0).map((v) => ({ ...v, kind: 'status' })),
    ...unmapped.types.filter((v) => v.items > 0).map((v) => ({ ...v, kind: 'type' })),
  ]
  const named = used
    .slice(0, MAX_NAMED)
    .map((v) => `${v.kind} “${v.name}” of ${v.source} (${v.items.toLocaleString('en')})`)
  const more = used.length > MAX_NAMED ? ` and ${used.length - MAX_NAMED} more` : ''
  return `They use values the mapping does not map to a flow state or Flow Item type: ${named.join(', ')}${more}.`
}
