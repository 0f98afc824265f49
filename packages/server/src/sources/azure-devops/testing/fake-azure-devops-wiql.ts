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
  const filters: FakeWiqlQuery['filter'][] = []
  let rest = (match[1] ?? '').trim()
  while (rest !== '') {
    const found = CONDITIONS.map(([re, make]) => [re.exec(rest), make] as const).find(([m]) => m)
    if (!found || !found[0])
      return `TF51005: The query references a condition this fake does not know: ${rest}`
    filters.push(found[1](found[0]))
    rest = rest
      .slice(found[0][0].length)
      .replace(/^\s*AND\s+/i, '')
      .trim()
  }
  return {
    filter: (item, changed) => filters.every((f) => f(item, changed)),
    byChanged: /^\[System\.ChangedDate\]/i.test(match[2] ?? ''),
  }
}
