import {
  FAKE_TYPES,
  FAKE_WORKFLOW,
  changesOf,
  labelsOf,
  statusOf,
  typeOf,
  updatedMsOf,
} from './fake-jira-state'
import type { FakeChange, FakeIssue } from './fake-jira-state'
import { FAKE_FIELD_IDS, FakeJiraObjects } from './fake-jira-objects'
import type { FakeSite } from './fake-jira-objects'

const DONE = FAKE_WORKFLOW.length - 1

/** Renders the fake's state in Jira's JSON shapes. */
export class FakeJiraRenderer {
  readonly objects: FakeJiraObjects
  readonly api: string

  constructor(readonly site: FakeSite) {
    this.objects = new FakeJiraObjects(site)
    this.api = this.objects.api
  }

  #ref(issue: FakeIssue): Record<string, unknown> {
    return {
      id: String(issue.id),
      key: issue.key,
      self: `${this.api}/issue/${issue.id}`,
      fields: {
        summary: summaryOf(issue),
        status: this.objects.statuses[statusOf(issue)],
        priority: this.objects.priority,
        issuetype: this.objects.issueTypes[typeOf(issue)],
      },
    }
  }

  /**
   * An issue (`IssueBean`) with the requested fields (`undefined`: Jira's default, the id only on
   * Cloud's `search/jql`; `*all`: every field), and its first `inlineLimit` histories when
   * `expandChangelog` (with `total` counting them all, as Jira truncates inline changelogs).
   */
  issue(
    issue: FakeIssue,
    options: { fields?: ReadonlySet<string>; expandChangelog?: boolean; inlineLimit?: number },
  ): Record<string, unknown> {
    const bean: Record<string, unknown> = {
      expand: 'operations,versionedRepresentations,editmeta,changelog,renderedFields',
      id: String(issue.id),
      self: `${this.api}/issue/${issue.id}`,
      key: issue.key,
    }
    if (options.fields === undefined) return { id: String(issue.id) }
    bean.fields = this.fields(issue, options.fields)
    if (options.expandChangelog) {
      const histories = this.histories(issue)
      const shown = histories.slice(0, options.inlineLimit ?? histories.length)
      bean.changelog = {
        startAt: 0,
        maxResults: shown.length,
        total: histories.length,
        histories: shown,
      }
    }
    return bean
  }

  /** The issue's fields, only those in `wanted` (unless it holds `*all` or `*navigable`). */
  fields(issue: FakeIssue, wanted: ReadonlySet<string>): Record<string, unknown> {
    const all = wanted.has('*all') || wanted.has('*navigable')
    const fields: Record<string, unknown> = {}
    for (const [id, value] of Object.entries(this.#allFields(issue))) {
      if ((all || wanted.has(id)) && value !== undefined) fields[id] = value
    }
    return fields
  }

  #allFields(issue: FakeIssue): Record<string, unknown> {
    const state = this.site.state
    const status = statusOf(issue)
    const resolvedMs = status === DONE ? lastChangeInto(issue, DONE) : undefined
    const parent = state.live(issue.parentSeq)
    const cloud = this.site.deployment === 'cloud'
    return {
      summary: summaryOf(issue),
      issuetype: this.objects.issueTypes[typeOf(issue)],
      status: this.objects.statuses[status],
      project: this.objects.project(issue.project),
      created: issue.createdText ?? this.site.time.format(issue.createdMs),
      updated: this.site.time.format(updatedMsOf(issue)),
      resolutiondate: resolvedMs === undefined ? null : this.site.time.format(resolvedMs),
      resolution: resolvedMs === undefined ? null : this.objects.resolution,
      priority: this.objects.priority,
      labels: labelsOf(issue),
      components:
        issue.seq % 4 === 0
          ? [{ self: `${this.api}/component/10000`, id: '10000', name: 'Checkout' }]
          : [],
      fixVersions:
        issue.seq % 6 === 0
          ? [
              {
                self: `${this.api}/version/10000`,
                id: '10000',
                name: '2024.03',
                archived: false,
                released: true,
                releaseDate: '2024-03-31',
              },
            ]
          : [],
      parent: cloud && parent ? this.#ref(parent) : undefined,
      [FAKE_FIELD_IDS.epicLink]: cloud ? undefined : (parent?.key ?? null),
      issuelinks: this.#links(issue),
      [FAKE_FIELD_IDS.sprint]: this.#sprints(issue),
      [FAKE_FIELD_IDS.team]:
        issue.seq % 2 === 0
          ? {
              id: '36885b3c-1bf0-4f85-a357-c5b858c31de4',
              name: 'payments',
              title: 'payments',
              isVisible: true,
              isVerified: false,
              isShared: true,
            }
          : null,
      [FAKE_FIELD_IDS.storyPoints]: (issue.seq % 8) + 1,
    }
  }

  #links(issue: FakeIssue): Record<string, unknown>[] {
    const type = {
      id: '10000',
      name: 'Blocks',
      inward: 'is blocked by',
      outward: 'blocks',
      self: `${this.api}/issueLinkType/10000`,
    }
    const blocks = this.site.state.live(issue.blocksSeq)
    const outward = blocks
      ? [
          {
            id: `${issue.id}0`,
            self: `${this.api}/issueLink/${issue.id}0`,
            type,
            outwardIssue: this.#ref(blocks),
          },
        ]
      : []
    const inward = this.site.state.blockersOf(issue).map((blocker) => ({
      id: `${blocker.id}0`,
      self: `${this.api}/issueLink/${blocker.id}0`,
      type,
      inwardIssue: this.#ref(blocker),
    }))
    return [...outward, ...inward]
  }

  #sprints(issue: FakeIssue): unknown {
    const n = Math.floor(issue.seq / 50) + 1
    const name = `${issue.project} Sprint ${n}`
    if (this.site.deployment === 'cloud') {
      return [
        {
          id: n,
          name,
          state: 'closed',
          boardId: 1,
          goal: '',
          startDate: '2024-01-01T09:00:00.000Z',
          endDate: '2024-01-15T09:00:00.000Z',
        },
      ]
    }
    // Data Center (and Server) return the sprint's Java toString.
    return [
      `com.atlassian.greenhopper.service.sprint.Sprint@5c8d${n}[id=${n},rapidViewId=1,state=CLOSED,name=${name},startDate=2024-01-01T09:00:00.000Z,endDate=2024-01-15T09:00:00.000Z,completeDate=<null>,sequence=${n},goal=]`,
    ]
  }

  /** Every history (`Changelog`) of the issue, oldest first. */
  histories(issue: FakeIssue): Record<string, unknown>[] {
    return changesOf(issue).map((change, index) => ({
      id: String(issue.id * 1000 + index),
      author: this.objects.user,
      created: this.site.time.format(change.atMs),
      items: this.#items(change),
    }))
  }

  #items(change: FakeChange): Record<string, unknown>[] {
    if (change.field === 'move') {
      const from = this.site.state.project(change.fromProject).id
      const to = this.site.state.project(change.toProject).id
      return [
        {
          field: 'Key',
          fieldtype: 'jira',
          fieldId: 'issuekey',
          fromString: change.fromKey,
          toString: change.toKey,
        },
        {
          field: 'project',
          fieldtype: 'jira',
          fieldId: 'project',
          from,
          fromString: `Project ${change.fromProject}`,
          to,
          toString: `Project ${change.toProject}`,
        },
      ]
    }
    const list = change.field === 'status' ? FAKE_WORKFLOW : FAKE_TYPES
    const from = list[change.from] ?? list[0]
    const to = list[change.to] ?? list[0]
    const item = {
      field: change.field,
      fieldtype: 'jira',
      fieldId: change.field,
      from: from.id,
      fromString: from.name,
      to: to.id,
      toString: to.name,
    }
    if (change.field !== 'status' || (change.to !== DONE && change.from !== DONE)) return [item]
    const resolution: Record<string, unknown> =
      change.to === DONE
        ? {
            field: 'resolution',
            fieldtype: 'jira',
            fieldId: 'resolution',
            to: '10000',
            toString: 'Done',
          }
        : {
            field: 'resolution',
            fieldtype: 'jira',
            fieldId: 'resolution',
            from: '10000',
            fromString: 'Done',
          }
    return [item, resolution]
  }
}

/** The issue's summary. */
export function summaryOf(issue: FakeIssue): string {
  return `Refund button ${issue.seq}: "quoted" & ünïcödé`
}

/** When the issue last entered `status`, or undefined. */
export function lastChangeInto(issue: FakeIssue, status: number): number | undefined {
  let at: number | undefined
  for (const change of changesOf(issue)) {
    if (change.field === 'status' && change.to === status) at = change.atMs
  }
  return at
}
