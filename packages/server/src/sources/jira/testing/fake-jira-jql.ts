import { DateTime } from 'luxon'

/** What a JQL query may ask of an issue in the fake. */
export interface JqlIssue {
  key: string
  formerKeys: readonly string[]
  project: string
  createdMs: number
  updatedMs: number
  status: string
  type: string
  labels: readonly string[]
}

/** What the query compiler checks names against, as Jira validates a query before running it. */
export interface JqlCatalog {
  /** The Jira user's zone: JQL date-times are read in it. */
  timeZone: string
  hasProject(key: string): boolean
  hasKey(key: string): boolean
}

/** A compiled query: the filter and the order of its results. */
export interface CompiledJql {
  matches(issue: JqlIssue): boolean
  compare(a: JqlIssue, b: JqlIssue): number
}

/** A query Jira would refuse with 400; `message` is Jira's wording. */
export class JqlError extends Error {}

type Token = { kind: 'word' | 'string' | 'op' | 'punct'; text: string }
type Predicate = (issue: JqlIssue) => boolean

const TOKEN =
  /\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(!=|>=|<=|=|>|<)|([(),])|([^\s"'(),=!<>]+))/y
const DATE_FORMATS = ['yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd']

function tokenize(jql: string): Token[] {
  const tokens: Token[] = []
  TOKEN.lastIndex = 0
  while (TOKEN.lastIndex < jql.length) {
    if (/^\s*$/.test(jql.slice(TOKEN.lastIndex))) break
    const m = TOKEN.exec(jql)
    if (!m) throw new JqlError(`Error in the JQL Query: unexpected text at ${TOKEN.lastIndex}.`)
    if (m[1] !== undefined || m[2] !== undefined) {
      tokens.push({ kind: 'string', text: (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1') })
    } else if (m[3] !== undefined) tokens.push({ kind: 'op', text: m[3] })
    else if (m[4] !== undefined) tokens.push({ kind: 'punct', text: m[4] })
    else tokens.push({ kind: 'word', text: m[5] ?? '' })
  }
  return tokens
}

/**
 * Compiles the JQL subset the connector sends: `project`, `key` (also `issuekey`, `id`; former
 * keys of moved issues match, as in Jira), `created`, `updated`, `status`, `issuetype`/`type`,
 * `labels` with `=`, `!=`, `>=`, `>`, `<=`, `<`, `in (…)`, `not in (…)`; `AND`, `OR`, `NOT`,
 * parentheses; `ORDER BY` over `created`, `updated`, `key` with `ASC`/`DESC` (default: key).
 * Dates are `yyyy/MM/dd HH:mm`, `yyyy-MM-dd HH:mm` or a date alone, in the catalog's zone.
 * Throws {@link JqlError} with Jira's wording for an unknown field, project or key.
 */
export function compileJql(jql: string, catalog: JqlCatalog): CompiledJql {
  const parser = new Parser(tokenize(jql), catalog)
  const matches = parser.atOrderBy() ? () => true : parser.orExpression()
  const compare = parser.orderBy()
  if (!parser.done())
    throw new JqlError(`Error in the JQL Query: unexpected "${parser.peekText()}".`)
  return { matches, compare }
}

const KEY_FIELDS = new Set(['key', 'issuekey', 'id'])
const DATE_FIELDS = new Set(['created', 'updated'])

class Parser {
  #at = 0
  constructor(
    readonly tokens: Token[],
    readonly catalog: JqlCatalog,
  ) {}

  done = () => this.#at >= this.tokens.length
  peekText = () => this.tokens[this.#at]?.text ?? ''
  #isWord = (word: string) => this.tokens[this.#at]?.text.toLowerCase() === word
  atOrderBy = () => this.#isWord('order')

  #next(): Token {
    const token = this.tokens[this.#at++]
    if (!token) throw new JqlError('Error in the JQL Query: the query ended too early.')
    return token
  }

  orExpression(): Predicate {
    const parts = [this.#andExpression()]
    while (this.#isWord('or')) {
      this.#at++
      parts.push(this.#andExpression())
    }
    return parts.length === 1 ? (parts[0] as Predicate) : (i) => parts.some((p) => p(i))
  }

  #andExpression(): Predicate {
    const parts = [this.#unary()]
    while (this.#isWord('and')) {
      this.#at++
      parts.push(this.#unary())
    }
    return parts.length === 1 ? (parts[0] as Predicate) : (i) => parts.every((p) => p(i))
  }

  #unary(): Predicate {
    if (this.#isWord('not')) {
      this.#at++
      const inner = this.#unary()
      return (i) => !inner(i)
    }
    if (this.peekText() === '(') {
      this.#at++
      const inner = this.orExpression()
      if (this.#next().text !== ')') throw new JqlError('Error in the JQL Query: expected ")".')
      return inner
    }
    return this.#clause()
  }

  #clause(): Predicate {
    const field = this.#next().text.toLowerCase()
    let op = this.#next().text.toLowerCase()
    if (op === 'not' && this.#isWord('in')) {
      this.#at++
      op = 'not in'
    }
    const values = op === 'in' || op === 'not in' ? this.#list() : [this.#next().text]
    const test = this.#fieldTest(field, op, values)
    return op === 'not in' || op === '!=' ? (i) => !test(i) : test
  }

  #list(): string[] {
    if (this.#next().text !== '(') throw new JqlError('Error in the JQL Query: expected "(".')
    const values: string[] = []
    for (;;) {
      values.push(this.#next().text)
      const separator = this.#next().text
      if (separator === ')') return values
      if (separator !== ',') throw new JqlError('Error in the JQL Query: expected "," or ")".')
    }
  }

  #fieldTest(field: string, op: string, values: string[]): Predicate {
    if (KEY_FIELDS.has(field)) return this.#keyTest(op, values)
    if (DATE_FIELDS.has(field)) return this.#dateTest(field, op, values[0] ?? '')
    const lower = new Set(values.map((v) => v.toLowerCase()))
    if (op !== '=' && op !== '!=' && op !== 'in' && op !== 'not in') {
      throw new JqlError(`The operator '${op}' is not supported by the '${field}' field.`)
    }
    if (field === 'project') {
      for (const value of values) {
        if (!this.catalog.hasProject(value)) {
          throw new JqlError(`The value '${value}' does not exist for the field 'project'.`)
        }
      }
      return (i) => lower.has(i.project.toLowerCase())
    }
    if (field === 'status') return (i) => lower.has(i.status.toLowerCase())
    if (field === 'issuetype' || field === 'type') return (i) => lower.has(i.type.toLowerCase())
    if (field === 'labels') return (i) => i.labels.some((l) => lower.has(l.toLowerCase()))
    throw new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`)
  }

  #keyTest(op: string, values: string[]): Predicate {
    if (op !== '=' && op !== '!=' && op !== 'in' && op !== 'not in') {
      throw new JqlError(`The operator '${op}' is not supported by the 'key' field.`)
    }
    const missing = values.filter((v) => !this.catalog.hasKey(v.toUpperCase()))
    if (missing.length > 0) {
      throw new JqlError(
        missing.map((k) => `An issue with key '${k}' does not exist for field 'key'.`).join('\n'),
      )
    }
    const keys = new Set(values.map((v) => v.toUpperCase()))
    return (i) => keys.has(i.key) || i.formerKeys.some((k) => keys.has(k))
  }

  #dateTest(field: string, op: string, value: string): Predicate {
    const at = parseJqlDate(value, this.catalog.timeZone)
    if (at === undefined) {
      throw new JqlError(
        `Date value '${value}' for field '${field}' is invalid. Valid formats include: ` +
          `'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd'.`,
      )
    }
    const of = (i: JqlIssue) => (field === 'created' ? i.createdMs : i.updatedMs)
    if (op === '>=') return (i) => of(i) >= at
    if (op === '>') return (i) => of(i) > at
    if (op === '<=') return (i) => of(i) <= at
    if (op === '<') return (i) => of(i) < at
    if (op === '=' || op === '!=') return (i) => of(i) === at
    throw new JqlError(`The operator '${op}' is not supported by the '${field}' field.`)
  }

  orderBy(): CompiledJql['compare'] {
    if (!this.atOrderBy()) return compareKeys
    this.#at++
    if (!this.#isWord('by'))
      throw new JqlError('Error in the JQL Query: expected "by" after "order".')
    this.#at++
    const parts: CompiledJql['compare'][] = []
    while (!this.done()) {
      const field = this.#next().text.toLowerCase()
      const direction = this.#isWord('desc') ? -1 : 1
      if (this.#isWord('asc') || this.#isWord('desc')) this.#at++
      parts.push(orderOf(field, direction))
      if (this.peekText() === ',') this.#at++
    }
    return (a, b) => {
      for (const part of parts) {
        const c = part(a, b)
        if (c !== 0) return c
      }
      return 0
    }
  }
}

function orderOf(field: string, direction: number): CompiledJql['compare'] {
  if (field === 'created') return (a, b) => direction * (a.createdMs - b.createdMs)
  if (field === 'updated') return (a, b) => direction * (a.updatedMs - b.updatedMs)
  if (KEY_FIELDS.has(field)) return (a, b) => direction * compareKeys(a, b)
  throw new JqlError(`Field '${field}' does not exist or cannot be ordered by.`)
}

/** Jira's key order: by project key, then by issue number. */
export function compareKeys(a: { key: string }, b: { key: string }): number {
  const [pa = '', na = '0'] = splitKey(a.key)
  const [pb = '', nb = '0'] = splitKey(b.key)
  return pa < pb ? -1 : pa > pb ? 1 : Number(na) - Number(nb)
}

function splitKey(key: string): [string, string] {
  const dash = key.lastIndexOf('-')
  return [key.slice(0, dash), key.slice(dash + 1)]
}

/** A JQL date-time read in `zone` (epoch ms), or undefined when the text is not one. */
export function parseJqlDate(text: string, zone: string): number | undefined {
  for (const format of DATE_FORMATS) {
    const parsed = DateTime.fromFormat(text, format, { zone })
    if (parsed.isValid) return parsed.toMillis()
  }
  return undefined
}
