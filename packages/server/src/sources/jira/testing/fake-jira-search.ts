import { JqlError, compileJql } from './fake-jira-jql'
import type { FakeIssue, FakeJiraState } from './fake-jira-state'

/** The issues a query finds, in its order. */
export interface QueryResult {
  issues: FakeIssue[]
}

/**
 * Runs JQL queries over the fake's state and caches each result until the state changes, so a
 * pull paging through 100,000 issues sorts them once.
 */
export class FakeJqlRunner {
  readonly #cache = new Map<string, { version: number; result: QueryResult }>()
  readonly #log: string[] = []

  constructor(
    readonly state: FakeJiraState,
    readonly timeZone: string,
  ) {}

  /** Every query run, in order (the JQL as sent). */
  log(): readonly string[] {
    return this.#log
  }

  /** Runs `jql`; throws {@link JqlError} (Jira's 400) for a query Jira would refuse. */
  run(jql: string): QueryResult {
    this.#log.push(jql)
    const cached = this.#cache.get(jql)
    if (cached && cached.version === this.state.version) return cached.result
    const compiled = compileJql(jql, {
      timeZone: this.timeZone,
      hasProject: (key) => this.state.projects.has(key.toUpperCase()),
      hasKey: (key) => this.state.find(key) !== undefined,
    })
    const rows = this.state.issues
      .filter((issue) => !issue.deleted)
      .map((issue) => ({ issue, view: this.state.jqlView(issue) }))
      .filter((row) => compiled.matches(row.view))
      .sort((a, b) => compiled.compare(a.view, b.view))
    const result = { issues: rows.map((row) => row.issue) }
    if (this.#cache.size > 16) this.#cache.clear()
    this.#cache.set(jql, { version: this.state.version, result })
    return result
  }
}

/** An opaque page token for an offset into a query's result (Jira's tokens are opaque too). */
export function pageToken(offset: number): string {
  return Buffer.from(`fake-jira:${offset}`, 'utf8').toString('base64url')
}

/** The offset a {@link pageToken} stands for; throws JqlError (400) for a token it did not make. */
export function offsetOfToken(token: string): number {
  const match = /^fake-jira:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'))
  if (!match) throw new JqlError(`The nextPageToken '${token}' is invalid or expired.`)
  return Number(match[1])
}

export { JqlError }
