import { isVmoError } from '@openvmo/core'
import type {
  ConnectionReport,
  Connector,
  PullOptions,
  PulledItem,
  PulledPage,
  RateLimitState,
  ScopeSpec,
} from '../connector'
import { completeChangelogs } from './jira-changelogs'
import { advanceCheckpoint, decodeCheckpoint, encodeCheckpoint, isBehind } from './jira-checkpoint'
import type { JiraCheckpoint } from './jira-checkpoint'
import { createJiraClient } from './jira-client'
import type { JiraClient, JiraRetryOptions } from './jira-client'
import { testJiraConnection } from './jira-connection-test'
import type { JiraMyself } from './jira-connection-test'
import { assertJiraScope, parseJiraConnectorConfig } from './jira-connector-config'
import type { JiraConnectorConfig, JiraConnectorConfigInput } from './jira-connector-config'
import { readFieldSet } from './jira-field-catalog'
import type { JiraFieldSet } from './jira-field-catalog'
import { jiraIssueToRecord } from './jira-json-mapper'
import type { JiraIssue } from './jira-json-payloads'
import { PULL_ORDER, jqlOf, keysJql, pullJql, scopeCondition } from './jira-jql'
import { searchPages } from './jira-search'
import { listJiraStatuses } from './jira-statuses'
import type { JiraStatusInfo } from './jira-statuses'
import { missingKeysOf } from './jira-missing-keys'

/** Options of {@link createJiraConnector}. */
export interface JiraConnectorOptions {
  /** The source's name in openvmo: the records' `source` and the name errors give. */
  sourceName: string
  /** The source's config (validated here; see `JiraConnectorConfigSchema`). */
  config: JiraConnectorConfigInput
  /** Cloud: the API token of `config.email`; Data Center: a personal access token. */
  token: string
  /** Retry tuning (tests make retries fast). */
  retry?: Partial<JiraRetryOptions>
  /** Told of every issue the mapper cannot read (no created date …); the pull leaves it out. */
  onSkippedIssue?: (skipped: { key?: string; reason: string }) => void
}

/** A Jira connector: the {@link Connector} and the site's statuses with their categories. */
export interface JiraConnector extends Connector {
  readonly kind: 'jira'
  /** The site's statuses with their category (for `vmo map suggest`). */
  listStatuses(options?: { signal?: AbortSignal }): Promise<JiraStatusInfo[]>
}

/** What every pull needs from the site once: the user's time zone and the fields to ask for. */
interface SiteContext {
  timeZone?: string
  fieldSet: JiraFieldSet
}

// `key in (…)` batches of webhook fetches: short enough for a GET URL on Data Center.
const KEY_BATCH = 50

/**
 * A connector to Jira Cloud (REST v3: `search/jql` with `nextPageToken`, changelogs through the
 * bulk fetch) or Jira Data Center (REST v2: `search` with `startAt` and `expand=changelog`,
 * per-issue changelog paging). Records come from the same mapper as `vmo import` of Jira JSON
 * (`jiraIssueToRecord`); each item's `raw` is the issue with its whole changelog and the `names`
 * of its custom fields, which the mapper reads back alone. Throws VmoError('INVALID_CONFIG') on a
 * bad config.
 */
export function createJiraConnector(options: JiraConnectorOptions): JiraConnector {
  return new JiraRestConnector(options)
}

class JiraRestConnector implements JiraConnector {
  readonly kind = 'jira' as const
  readonly #source: string
  readonly #config: JiraConnectorConfig
  readonly #client: JiraClient
  readonly #onSkipped: JiraConnectorOptions['onSkippedIssue']
  #context: Promise<SiteContext> | undefined

  constructor(options: JiraConnectorOptions) {
    this.#source = options.sourceName
    this.#config = parseJiraConnectorConfig(options.sourceName, options.config)
    this.#onSkipped = options.onSkippedIssue
    this.#client = createJiraClient({
      sourceName: options.sourceName,
      baseUrl: this.#config.url,
      deployment: this.#config.deployment,
      email: this.#config.email,
      token: options.token,
      timeoutMs: this.#config.requestTimeoutMs,
      concurrency: this.#config.concurrency,
      retry: options.retry,
    })
  }

  rateLimit(): RateLimitState | null {
    return this.#client.rateLimit()
  }

  test(
    scopes: readonly ScopeSpec[],
    options?: { signal?: AbortSignal },
  ): Promise<ConnectionReport> {
    return testJiraConnection(
      { client: this.#client, countItems: (s, signal) => this.#count(s, signal), ...options },
      scopes,
    )
  }

  listStatuses(options?: { signal?: AbortSignal }): Promise<JiraStatusInfo[]> {
    return listJiraStatuses(this.#client, options?.signal)
  }

  async *pull(scope: ScopeSpec, options: PullOptions = {}): AsyncGenerator<PulledPage> {
    assertJiraScope(scope)
    const site = await this.#site(options.signal)
    const resumed = options.checkpoint && decodeCheckpoint(options.checkpoint, this.#source)
    const jql = pullJql(scope, {
      sinceMs: options.sinceMs,
      createdFromMs: resumed ? resumed.createdMs : undefined,
      timeZone: site.timeZone,
    })
    let checkpoint: JiraCheckpoint | undefined = resumed || undefined
    const pages = searchPages(this.#client, {
      jql,
      fields: site.fieldSet.ids,
      pageSize: this.#config.pageSize,
      expandChangelog: this.#config.deployment === 'data_center',
      needs: browseNeeds(scope),
      // A Cloud page needs a changelog bulk fetch: the next search overlaps it. A Data Center
      // page is whole when it arrives; the next is asked for when this one was taken.
      prefetch: this.#config.deployment === 'cloud',
      signal: options.signal,
    })
    for await (const page of pages) {
      const fresh = resumed ? page.issues.filter((i) => !isBehind(resumed, i)) : page.issues
      const items = await this.#items(fresh, site, { scope, signal: options.signal })
      checkpoint = advanceCheckpoint(checkpoint, page.issues)
      if (items.length > 0 && checkpoint !== undefined) {
        yield { items, checkpoint: encodeCheckpoint(checkpoint), total: page.total }
      }
    }
  }

  async *listKeys(
    scope: ScopeSpec,
    options: { signal?: AbortSignal } = {},
  ): AsyncGenerator<readonly string[]> {
    assertJiraScope(scope)
    const pages = searchPages(this.#client, {
      jql: jqlOf([scopeCondition(scope)], PULL_ORDER),
      fields: ['key'],
      pageSize: this.#config.keyPageSize,
      needs: browseNeeds(scope),
      signal: options.signal,
    })
    for await (const page of pages) {
      yield page.issues.map((issue) => String(issue.key))
    }
  }

  async fetchItems(
    keys: readonly string[],
    options: { signal?: AbortSignal } = {},
  ): Promise<PulledItem[]> {
    const site = await this.#site(options.signal)
    const unique = [...new Set(keys)]
    const items: PulledItem[] = []
    for (let start = 0; start < unique.length; start += KEY_BATCH) {
      const issues = await this.#findIssues(unique.slice(start, start + KEY_BATCH), site, options)
      items.push(...(await this.#items(issues, site, options)))
    }
    return items
  }

  // Jira refuses `key in (…)` naming a deleted key (400); leave such keys out and ask again.
  async #findIssues(
    keys: string[],
    site: SiteContext,
    options: { signal?: AbortSignal },
  ): Promise<JiraIssue[]> {
    let wanted = keys
    while (wanted.length > 0) {
      try {
        return await this.#collect(keysJql(wanted), site, options.signal)
      } catch (error) {
        const missing = isVmoError(error, 'INVALID_INPUT') ? missingKeysOf(error, wanted) : []
        if (missing.length === 0) throw error
        wanted = wanted.filter((key) => !missing.includes(key))
      }
    }
    return []
  }

  async #collect(jql: string, site: SiteContext, signal?: AbortSignal): Promise<JiraIssue[]> {
    const issues: JiraIssue[] = []
    const pages = searchPages(this.#client, {
      jql,
      fields: site.fieldSet.ids,
      pageSize: this.#config.pageSize,
      expandChangelog: this.#config.deployment === 'data_center',
      needs: 'the "Browse projects" permission on the projects of these issues',
      signal,
    })
    for await (const page of pages) issues.push(...page.issues)
    return issues
  }

  async #items(
    issues: JiraIssue[],
    site: SiteContext,
    at: { scope?: ScopeSpec; signal?: AbortSignal },
  ): Promise<PulledItem[]> {
    if (issues.length === 0) return []
    const gone = await completeChangelogs(this.#client, issues, {
      pageSize: this.#config.changelogPageSize,
      needs: at.scope ? browseNeeds(at.scope) : undefined,
      signal: at.signal,
    })
    const items: PulledItem[] = []
    for (const issue of issues) {
      if (gone.has(String(issue.key))) continue
      const raw: JiraIssue = { ...issue, names: { ...issue.names, ...site.fieldSet.names } }
      const mapped = jiraIssueToRecord(raw, {
        source: this.#source,
        baseUrl: this.#config.url,
        customFields: this.#config.fields,
      })
      if (mapped.ok) items.push({ record: mapped.record, raw })
      else this.#onSkipped?.({ key: issue.key, reason: mapped.reason })
    }
    return items
  }

  // Data Center's search says its total; Cloud's token-paged search does not, so its keys are
  // counted page by page.
  async #count(scope: ScopeSpec, signal?: AbortSignal): Promise<number> {
    assertJiraScope(scope)
    if (this.#config.deployment === 'data_center') {
      const page = await this.#client.request<{ total?: number }>({
        path: '/rest/api/2/search',
        query: { jql: scopeCondition(scope), maxResults: 0, fields: 'key' },
        needs: browseNeeds(scope),
        signal,
      })
      if (typeof page.total === 'number') return page.total
    }
    let count = 0
    for await (const keys of this.listKeys(scope, { signal })) count += keys.length
    return count
  }

  // Read once per connector; a failure is not kept, so the next call asks again.
  #site(signal?: AbortSignal): Promise<SiteContext> {
    this.#context ??= this.#readSite(signal).catch((error: unknown) => {
      this.#context = undefined
      throw error
    })
    return this.#context
  }

  async #readSite(signal?: AbortSignal): Promise<SiteContext> {
    const client = this.#client
    const [myself, fieldSet] = await Promise.all([
      client.request<JiraMyself>({
        path: `${client.api}/myself`,
        needs: 'access to jira (the account may be deactivated or lack a jira licence)',
        signal,
      }),
      readFieldSet(client, this.#config.fields, signal),
    ])
    const timeZone = typeof myself.timeZone === 'string' ? myself.timeZone : undefined
    return { timeZone, fieldSet }
  }
}

function browseNeeds(scope: ScopeSpec): string {
  return scope.kind === 'project'
    ? `the "Browse projects" permission on project ${scope.value}`
    : `the "Browse projects" permission on the projects of scope "${scope.name}"`
}
