import type { FakeWorkItem } from './fake-azure-devops-model'

/** A WIQL query the fake understands, as filters and an order. */
export interface FakeWiqlQuery {
  filter(item: FakeWorkItem, changedMs: number): boolean
  byChanged: boolean
}

const LITERAL = String.raw`'((?:[^']|'')*)'`
const CONDITIONS: [RegExp, (m: RegExpExecArray) => FakeWiqlQuery['filter']][] = [
  [
    new RegExp(String.raw`^\[System\.TeamProject\] = ${LITERAL}`),
    (m) => (item) => item.project === (m[1] ?? '').replace(/''/g, "'"),
  ],
  [
    new RegExp(String.raw`^\[System\.ChangedDate\] >= ${LITERAL}`),
    (m) => (_, changed) => changed >= Date.parse(m[1] ?? ''),
  ],
  [
    new RegExp(
      String.raw`^\(\[System\.ChangedDate\] > ${LITERAL} OR \(\[System\.ChangedDate\] = ${LITERAL} AND \[System\.Id\] > (\d+)\)\)`,
    ),
    (m) => (item, changed) => {
      const at = Date.parse(m[1] ?? '')
      return changed > at || (changed === at && item.id > Number(m[3]))
    },
  ],
  [new RegExp(String.raw`^\[System\.Id\] > (\d+)`), (m) => (item) => item.id > Number(m[1])],
]

/**
 * Parses the WIQL the connector sends (`SELECT [System.Id] FROM WorkItems WHERE … ORDER BY …`)
 * with the conditions it writes: a project, a changed-since date, the (date, id) keyset and an
 * id floor, joined by AND. Returns a problem in Azure DevOps' words for anything else, and for a
 * date with a time when `timePrecision` is off (Azure DevOps refuses those: VS402625).
 */
export function parseFakeWiql(query: string, timePrecision: boolean): FakeWiqlQuery | string {
  const match = /^SELECT \[System\.Id\] FROM WorkItems WHERE (.+?)(?: ORDER BY (.+))?$/i.exec(
    query.trim(),
  )
  if (!match) return `TF51006: The query statement is not supported by this fake: ${query}`
  if (!timePrecision && /'\d{4}-\d\d-\d\dT/.test(match[1] ?? '')) {
    return 'VS402625: Dates must be entered without a time unless timePrecision is set.'
  }
  const filter = parseConditions((match[1] ?? '').trim())
  if (typeof filter === 'string') return filter
  return { filter, byChanged: /^\[System\.ChangedDate\]/i.test(match[2] ?? '') }
}

/** The length of a parenthesised group at the start of `text` (quotes skipped), or 0. */
function groupLength(text: string): number {
  let depth = 0
  let quoted = false
  for (let k = 0; k < text.length; k++) {
    const c = text[k]
    if (c === "'") quoted = !quoted
    else if (!quoted && c === '(') depth++
    else if (!quoted && c === ')' && --depth === 0) return k + 1
  }
  return 0
}

/** Conditions joined by AND, each a known one or a parenthesised group of them. */
function parseConditions(text: string): FakeWiqlQuery['filter'] | string {
  const filters: FakeWiqlQuery['filter'][] = []
  let rest = text
  while (rest !== '') {
    const found = CONDITIONS.map(([re, make]) => [re.exec(rest), make] as const).find(([m]) => m)
    let length: number
    if (found?.[0]) {
      filters.push(found[1](found[0]))
      length = found[0][0].length
    } else {
      length = rest.startsWith('(') ? groupLength(rest) : 0
      const inner = length > 0 ? parseConditions(rest.slice(1, length - 1).trim()) : undefined
      if (inner === undefined || typeof inner === 'string') {
        return `TF51005: The query references a condition this fake does not know: ${rest}`
      }
      filters.push(inner)
    }
    rest = rest
      .slice(length)
      .replace(/^\s*AND\s+/i, '')
      .trim()
  }
  return (item, changed) => filters.every((f) => f(item, changed))
}
