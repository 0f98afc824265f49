import { createHmac } from 'node:crypto'
import type { WorkItemChange, WorkItemRecord } from '@openvmo/core'
import type { ScopeSpec } from '../../connector'
import type { ContractFake, WebhookContract } from '../../testing/connector-contract'
import { verifyJiraWebhook } from '../jira-webhook'
import { FakeJiraApi } from './fake-jira-api'
import type { FakeApiOptions } from './fake-jira-api'
import { listenFakeJira } from './fake-jira-http'
import type { FakeExchange } from './fake-jira-http'
import { summaryOf } from './fake-jira-render'
import type { FakeSite } from './fake-jira-objects'
import {
  FAKE_TYPES,
  FAKE_WORKFLOW,
  FakeJiraState,
  changesOf,
  labelsOf,
  statusOf,
  typeOf,
} from './fake-jira-state'
import type { FakeIssue } from './fake-jira-state'
import { JiraTimeFormat } from './fake-jira-time'

/** Options of {@link startFakeJira}; every one has a default. */
export interface FakeJiraOptions extends Partial<Omit<FakeApiOptions, 'authorization'>> {
  deployment: 'cloud' | 'data_center'
  /** The `source` of {@link ContractFake.expectedRecord}; default `jira`. */
  sourceName?: string
  /** The Jira user's zone; default Europe/Berlin (not UTC, so a time-zone bug shows). */
  timeZone?: string
  /** Cloud: the account's email; default `ada@example.com`. */
  email?: string
  /** The API token (Cloud) or personal access token (Data Center) the fake accepts. */
  token?: string
  /** The instant the first issue is created at; default 400 days ago, on a minute. */
  baseMs?: number
  /** Projects that exist from the start (empty); default PAY and OPS. Others come with issues. */
  projects?: readonly string[]
  /** Keep every exchange for {@link FakeJira.transcript} (tests of the shapes); default off. */
  record?: boolean
}

/** A fake Jira site on 127.0.0.1: the contract controls plus what focused tests look at. */
export interface FakeJira extends ContractFake {
  readonly deployment: 'cloud' | 'data_center'
  readonly email: string
  readonly token: string
  readonly timeZone: string
  readonly state: FakeJiraState
  readonly api: FakeJiraApi
  /** Every JQL query the fake ran, as sent. */
  jqlLog(): readonly string[]
  /** Every exchange, when started with `record`. */
  transcript(): readonly FakeExchange[]
  /** Drops the faults not yet answered. */
  clearFaults(): void
  /** Signing of webhook deliveries with `secret`. */
  webhook(secret: string): WebhookContract
}

const DAY_MS = 86_400_000

/**
 * Starts a fake Jira Cloud (REST v3) or Data Center (REST v2) site. Issues are kept compact and
 * rendered on demand (see `FakeJiraState`), so 100,000 issues with 10 changes each are cheap.
 */
export async function startFakeJira(options: FakeJiraOptions): Promise<FakeJira> {
  const email = options.email ?? 'ada@example.com'
  const token = options.token ?? 'fake-jira-secret-key-4f2a9c'
  const baseMs = options.baseMs ?? Math.floor((Date.now() - 400 * DAY_MS) / 60_000) * 60_000
  const time = new JiraTimeFormat(options.timeZone ?? 'Europe/Berlin')
  const site: FakeSite = {
    url: '',
    deployment: options.deployment,
    state: new FakeJiraState(baseMs),
    time,
  }
  const api = new FakeJiraApi(site, {
    authorization:
      options.deployment === 'cloud'
        ? `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`
        : `Bearer ${token}`,
    pageSize: options.pageSize ?? 100,
    keyPageSize: options.keyPageSize ?? (options.deployment === 'cloud' ? 5000 : 1000),
    inlineHistoryLimit: options.inlineHistoryLimit ?? 100,
    bulkChangelogLimit: options.bulkChangelogLimit ?? 1000,
    changelogResource: options.changelogResource ?? true,
  })
  for (const project of options.projects ?? ['PAY', 'OPS']) site.state.project(project)
  const http = await listenFakeJira(api, { record: options.record })
  site.url = http.url
  return new FakeJiraSite({ api, http, sourceName: options.sourceName ?? 'jira', email, token })
}

class FakeJiraSite implements FakeJira {
  readonly url: string
  readonly deployment: 'cloud' | 'data_center'
  readonly pageSize: number
  readonly inlineHistoryLimit: number
  readonly state: FakeJiraState
  readonly api: FakeJiraApi
  readonly email: string
  readonly token: string
  readonly timeZone: string
  readonly #http: Awaited<ReturnType<typeof listenFakeJira>>
  readonly #source: string

  constructor(parts: {
    api: FakeJiraApi
    http: Awaited<ReturnType<typeof listenFakeJira>>
    sourceName: string
    email: string
    token: string
  }) {
    this.api = parts.api
    this.#http = parts.http
    this.#source = parts.sourceName
    this.url = parts.http.url
    this.deployment = parts.api.site.deployment
    this.state = parts.api.site.state
    this.timeZone = parts.api.site.time.zone
    this.pageSize = parts.api.options.pageSize
    this.inlineHistoryLimit = Math.min(
      parts.api.options.inlineHistoryLimit,
      this.deployment === 'cloud' ? parts.api.options.bulkChangelogLimit : Infinity,
    )
    this.email = parts.email
    this.token = parts.token
  }

  async createItems(scope: ScopeSpec, count: number, options?: { changes?: number }) {
    if (scope.kind !== 'project')
      throw new Error(`the fake creates issues in project scopes only, not ${scope.kind}`)
    return this.state.create(scope.value, count, options?.changes ?? 3).map((issue) => issue.key)
  }

  async editItems(keys: readonly string[], atMs: number): Promise<void> {
    for (const key of keys) this.state.edit(this.#get(key), atMs)
  }

  async deleteItems(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.state.delete(this.#get(key))
  }

  async moveItem(key: string, to: ScopeSpec, atMs: number): Promise<string> {
    if (to.kind !== 'project')
      throw new Error(`the fake moves issues to project scopes only, not ${to.kind}`)
    return this.state.move(this.#get(key), to.value, atMs)
  }

  #get(key: string): FakeIssue {
    const issue = this.state.find(key)
    if (!issue) throw new Error(`the fake has no issue ${key}`)
    return issue
  }

  /**
   * The record the connector must return for `key`, built from the fake's state without the
   * mapper: identity, type, status, created, title, project, parent, labels, links, and the
   * status and type changes (the parts the contract compares).
   */
  expectedRecord(key: string): WorkItemRecord {
    const issue = this.#get(key)
    const format = (ms: number) => this.api.site.time.format(ms)
    const changes: WorkItemChange[] = changesOf(issue).flatMap((change) => {
      if (change.field === 'move') return []
      const names = change.field === 'status' ? FAKE_WORKFLOW : FAKE_TYPES
      const field = change.field === 'status' ? 'status' : 'type'
      const from = names[change.from]?.name ?? null
      return [{ at: format(change.atMs), field, from, to: names[change.to]?.name ?? null }]
    })
    const blocks = this.state.live(issue.blocksSeq)
    const links = [
      ...(blocks ? [{ type: 'blocks', target: blocks.key }] : []),
      ...this.state.blockersOf(issue).map((b) => ({ type: 'is blocked by', target: b.key })),
    ]
    return {
      source: this.#source,
      key: issue.key,
      id: String(issue.id),
      url: `${this.url}/browse/${issue.key}`,
      project: issue.project,
      type: FAKE_TYPES[typeOf(issue)]?.name ?? '',
      title: summaryOf(issue),
      created: format(issue.createdMs),
      status: FAKE_WORKFLOW[statusOf(issue)]?.name ?? '',
      labels: labelsOf(issue),
      parent: this.state.live(issue.parentSeq)?.key,
      links,
      changes,
    }
  }

  injectFault(fault: Parameters<ContractFake['injectFault']>[0]): void {
    this.#http.injectFault(fault)
  }

  clearFaults(): void {
    this.#http.clearFaults()
  }

  requestLog(): readonly string[] {
    return this.#http.requestLog()
  }

  jqlLog(): readonly string[] {
    return [...this.api.jql.log()]
  }

  transcript(): readonly FakeExchange[] {
    return this.#http.transcript()
  }

  close(): Promise<void> {
    return this.#http.close()
  }

  webhook(secret: string): WebhookContract {
    const sign = (body: string, key: string) =>
      `sha256=${createHmac('sha256', key).update(body, 'utf8').digest('hex')}`
    return {
      bodyFor: (key) => JSON.stringify(this.#webhookBody(key)),
      signedHeaders: (body) => ({
        'X-Hub-Signature': sign(body, secret),
        'Content-Type': 'application/json',
      }),
      forgedHeaders: (body) => ({ 'X-Hub-Signature': sign(body, `${secret}-forged`) }),
      verify: (headers, body) => verifyJiraWebhook(headers, body, secret),
    }
  }

  // A Jira Cloud `jira:issue_updated` delivery: the issue with its fields and the change.
  #webhookBody(key: string): Record<string, unknown> {
    const issue = this.#get(key)
    const bean = this.api.render.issue(issue, { fields: new Set(['*all']) })
    return {
      timestamp: Date.now(),
      webhookEvent: 'jira:issue_updated',
      issue_event_type_name: 'issue_generic',
      user: this.api.render.objects.user,
      issue: bean,
      changelog: {
        id: '10100',
        items: [
          {
            field: 'status',
            fieldtype: 'jira',
            fieldId: 'status',
            fromString: 'To Do',
            toString: 'In Progress',
          },
        ],
      },
    }
  }
}
