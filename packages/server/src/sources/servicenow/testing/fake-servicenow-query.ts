/**
 * A row of a fake table as its encoded query sees it: stored values by field name, dot-walked
 * fields included (`assignment_group.name`, `set.id`). Dates are `YYYY-MM-DD HH:MM:SS` (UTC),
 * so string order is time order.
 */
export type FakeRow = Readonly<Record<string, string>>

interface Condition {
  field: string
  op: string
  value: string
}

const CONDITION = /^([a-z_][a-z0-9_.]*?)(IN|>=|<=|!=|=|>|<)(.*)$/

/**
 * Parses the part of ServiceNow's encoded-query syntax the connector uses: conditions joined by
 * `^` (and), queries joined by `^NQ` (or), operators `=`, `!=`, `>`, `>=`, `<`, `<=`, `IN`
 * (comma-separated), and `ORDERBYfield` / `ORDERBYDESCfield`. A condition it cannot read
 * throws, so a connector's bad query fails the test loudly (a real instance ignores it).
 */
export function parseEncodedQuery(query: string): {
  or: Condition[][]
  order: { field: string; desc: boolean }[]
} {
  const order: { field: string; desc: boolean }[] = []
  const or = query.split('^NQ').map((part) =>
    part
      .split('^')
      .filter((term) => term !== '')
      .flatMap((term): Condition[] => {
        if (term.startsWith('ORDERBYDESC')) order.push({ field: term.slice(11), desc: true })
        else if (term.startsWith('ORDERBY')) order.push({ field: term.slice(7), desc: false })
        else {
          const match = CONDITION.exec(term)
          if (!match) throw new Error(`the fake cannot read the condition ${JSON.stringify(term)}`)
          return [{ field: match[1] ?? '', op: match[2] ?? '', value: match[3] ?? '' }]
        }
        return []
      }),
  )
  return { or, order }
}

function holds(row: FakeRow, c: Condition): boolean {
  const value = row[c.field] ?? ''
  switch (c.op) {
    case 'IN':
      return c.value.split(',').includes(value)
    case '=':
      return value === c.value
    case '!=':
      return value !== c.value
    default:
      return compare(value, c.value, c.op)
  }
}

function compare(a: string, b: string, op: string): boolean {
  const numeric = /^-?\d+$/.test(a) && /^-?\d+$/.test(b)
  const sign = numeric ? Math.sign(Number(a) - Number(b)) : a < b ? -1 : a > b ? 1 : 0
  if (op === '>') return sign > 0
  if (op === '>=') return sign >= 0
  if (op === '<') return sign < 0
  return sign <= 0
}

/** The rows matching `query`, in its ORDERBY order (stable; then in table order). */
export function queryRows<T extends FakeRow>(rows: readonly T[], query: string): T[] {
  const { or, order } = parseEncodedQuery(query)
  const matching = rows.filter((row) => or.some((and) => and.every((c) => holds(row, c))))
  return matching.sort((a, b) => {
    for (const { field, desc } of order) {
      const x = a[field] ?? ''
      const y = b[field] ?? ''
      if (x !== y) return (x < y ? -1 : 1) * (desc ? -1 : 1)
    }
    return 0
  })
}
