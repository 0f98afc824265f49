import { bulkChangelog, issueChangelog } from './fake-jira-changelog-api'
import { jiraError } from './fake-jira-http'
import type { FakeAnswer, FakeHandlers, FakeRequest } from './fake-jira-http'
import type { FakeSite } from './fake-jira-objects'
import { FakeJiraRenderer } from './fake-jira-render'
import { FakeJqlRunner, JqlError, offsetOfToken, pageToken } from './fake-jira-search'
import type { FakeIssue } from './fake-jira-state'

/** Limits and credentials of a fake site. */
export interface FakeApiOptions {
  /** The expected `Authorization` header value. */
  authorization: string
  /** The most issues per search page when fields beyond the key are asked for. */
  pageSize: number
  /** The most keys per search page when only the key is asked for. */
  keyPageSize: number
  /** Histories inlined per issue by `expand=changelog`. */
  inlineHistoryLimit: number
  /** The most histories per bulk changelog page (Cloud). */
  bulkChangelogLimit: number
  /** Data Center: whether `/issue/{key}/changelog` exists (older versions lack it). */
  changelogResource: boolean
}

const KEY_ONLY = new Set(['key', 'id', 'issuekey'])

/** The REST endpoints of a fake Jira Cloud (v3) or Data Center (v2) site. */
export class FakeJiraApi implements FakeHandlers {
  readonly jql: FakeJqlRunner
  readonly #api: string
  #render: FakeJiraRenderer | undefined
  #window = { minute: 0, count: 0 }

  constructor(
    readonly site: FakeSite,
    readonly options: FakeApiOptions,
  ) {
    this.jql = new FakeJqlRunner(site.state, site.time.zone)
    this.#api = site.deployment === 'cloud' ? '/rest/api/3' : '/rest/api/2'
  }

  /** The renderer, made on first use (the site's URL is known once the server listens). */
  get render(): FakeJiraRenderer {
    this.#render ??= new FakeJiraRenderer(this.site)
    return this.#render
  }

  authorized(authorization: string): boolean {
    return authorization === this.options.authorization
  }

  // Cloud answers carry its rate-limit headers; Data Center's rate limiting is off by default.
  headers(status: number): Record<string, string> {
    if (this.site.deployment !== 'cloud') return {}
    const minute = Math.floor(Date.now() / 60_000)
    if (minute !== this.#window.minute) this.#window = { minute, count: 0 }
    this.#window.count++
    const remaining = status === 429 ? 0 : Math.max(0, 1000 - this.#window.count)
    return {
      'x-ratelimit-limit': '1000',
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': new Date((minute + 1) * 60_000).toISOString(),
    }
  }

  route(request: FakeRequest): FakeAnswer {
    try {
      return this.#route(request)
    } catch (error) {
      if (error instanceof JqlError) return jiraError(400, error.message)
      throw error
    }
  }

  #route(request: FakeRequest): FakeAnswer {
    const { method, path } = request
    const rest = path.startsWith(this.#api) ? path.slice(this.#api.length) : path
    const get = method === 'GET'
    const objects = this.render.objects
    if (get && rest === '/myself') return ok(objects.user)
    if (get && rest === '/field') return ok(objects.fieldCatalog())
    if (get && rest === '/status') return ok(objects.statuses)
    if (get && rest === '/mypermissions') return this.#permissions(request.query)
    if (this.site.deployment === 'cloud') {
      if (rest === '/search/jql') return this.#searchJql(request)
      if (method === 'POST' && rest === '/changelog/bulkfetch') {
        return bulkChangelog(this.render, request.body, this.options.bulkChangelogLimit)
      }
      if (rest === '/search')
        return jiraError(410, 'The requested API has been removed. Use /rest/api/3/search/jql.')
    } else if (get && rest === '/search') {
      return this.#searchOffset(request.query)
    }
    const issue = /^\/issue\/([^/]+)(\/changelog)?$/.exec(rest)
    if (!get || !issue) return jiraError(404, `no such resource: ${method} ${path}`)
    const found = this.site.state.findByIdOrKey(decodeURIComponent(issue[1] ?? ''))
    if (issue[2] === undefined) return this.#issue(found, request.query)
    if (this.site.deployment === 'cloud' || this.options.changelogResource) {
      return issueChangelog(this.render, found, request.query)
    }
    return jiraError(404, `no such resource: ${method} ${path}`)
  }

  #permissions(query: URLSearchParams): FakeAnswer {
    const project = query.get('projectKey') ?? ''
    if (project !== '' && !this.site.state.projects.has(project)) {
      return jiraError(404, `No project could be found with key '${project}'.`)
    }
    const browse = {
      id: '10',
      key: 'BROWSE_PROJECTS',
      name: 'Browse Projects',
      type: 'PROJECT',
      description: 'Ability to browse projects and the issues within them.',
      havePermission: true,
    }
    return ok({ permissions: { BROWSE_PROJECTS: browse } })
  }

  #searchJql(request: FakeRequest): FakeAnswer {
    const body = (
      request.method === 'POST' ? request.body : Object.fromEntries(request.query)
    ) as Record<string, unknown>
    const fields = fieldsOf(body.fields, undefined)
    const { issues } = this.jql.run(String(body.jql ?? ''))
    const offset = typeof body.nextPageToken === 'string' ? offsetOfToken(body.nextPageToken) : 0
    const page = issues.slice(offset, offset + this.#cap(fields, Number(body.maxResults ?? 50)))
    const more = offset + page.length < issues.length
    const expand = String(body.expand ?? '').split(',')
    return ok({
      issues: page.map((issue) => this.#bean(issue, fields, expand.includes('changelog'))),
      ...(more ? { nextPageToken: pageToken(offset + page.length) } : {}),
      isLast: !more,
      ...(expand.includes('names') ? { names: this.#names(fields) } : {}),
    })
  }

  #searchOffset(query: URLSearchParams): FakeAnswer {
    const fields = fieldsOf(query.get('fields') ?? undefined, '*navigable')
    const { issues } = this.jql.run(query.get('jql') ?? '')
    const startAt = Number(query.get('startAt') ?? 0)
    const maxResults = this.#cap(fields, Number(query.get('maxResults') ?? 50))
    const page = issues.slice(startAt, startAt + maxResults)
    const expand = (query.get('expand') ?? '').split(',')
    return ok({
      expand: 'schema,names',
      startAt,
      maxResults,
      total: issues.length,
      issues: page.map((issue) => this.#bean(issue, fields, expand.includes('changelog'))),
      ...(expand.includes('names') ? { names: this.#names(fields) } : {}),
    })
  }

  // `expand=names`: field id → display name, for the fields returned.
  #names(fields: ReadonlySet<string> | undefined): Record<string, string> {
    const all = fields?.has('*all') || fields?.has('*navigable')
    const returned = this.render.objects
      .fieldCatalog()
      .filter((field) => all || fields?.has(String(field.id)))
    return Object.fromEntries(returned.map((field) => [String(field.id), String(field.name)]))
  }

  #cap(fields: ReadonlySet<string> | undefined, asked: number): number {
    const keysOnly = fields === undefined || [...fields].every((f) => KEY_ONLY.has(f))
    return Math.max(0, Math.min(asked, keysOnly ? this.options.keyPageSize : this.options.pageSize))
  }

  #bean(issue: FakeIssue, fields: ReadonlySet<string> | undefined, expandChangelog: boolean) {
    const inlineLimit = this.options.inlineHistoryLimit
    return this.render.issue(issue, { fields, expandChangelog, inlineLimit })
  }

  // The issue resource inlines the whole changelog (Data Center's fallback for long ones).
  #issue(issue: FakeIssue | undefined, query: URLSearchParams): FakeAnswer {
    if (!issue)
      return jiraError(404, 'Issue does not exist or you do not have permission to see it.')
    const fields = fieldsOf(query.get('fields') ?? undefined, '*all')
    const expandChangelog = (query.get('expand') ?? '').split(',').includes('changelog')
    return ok(this.render.issue(issue, { fields, expandChangelog }))
  }
}

function fieldsOf(
  requested: unknown,
  fallback: string | undefined,
): ReadonlySet<string> | undefined {
  const list = Array.isArray(requested)
    ? requested.map(String)
    : typeof requested === 'string'
      ? requested.split(',')
      : fallback === undefined
        ? undefined
        : [fallback]
  return list && new Set(list.map((f) => f.trim()).filter((f) => f !== ''))
}

function ok(body: unknown): FakeAnswer {
  return { status: 200, body }
}
