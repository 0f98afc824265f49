import type { JqlIssue } from './fake-jira-jql'

/** The workflow of every fake project, with each status's category. */
export const FAKE_WORKFLOW = [
  { id: '10000', name: 'To Do', category: 'new' },
  { id: '3', name: 'In Progress', category: 'indeterminate' },
  { id: '10001', name: 'In Review', category: 'indeterminate' },
  { id: '10002', name: 'Done', category: 'done' },
] as const

/** The fake's issue types; issues whose sequence number is a multiple of 5 were Bugs first. */
export const FAKE_TYPES = [
  { id: '10001', name: 'Story' },
  { id: '10002', name: 'Task' },
  { id: '10004', name: 'Bug' },
] as const

const HOUR_MS = 3_600_000
const TYPE_CHANGE_AFTER_MS = 30 * 60_000

/** One change of a fake issue's history: a status or type change, or a move to a project. */
export type FakeChange =
  | { atMs: number; field: 'status' | 'issuetype'; from: number; to: number }
  | {
      atMs: number
      field: 'move'
      fromKey: string
      toKey: string
      fromProject: string
      toProject: string
    }

/**
 * A fake issue, kept small: its history is generated from `seq`, `createdMs` and `changeCount`
 * (status changes an hour apart, and a Bug → Story change for every fifth issue) plus `edits`
 * made later, so 100,000 issues with 10 changes each cost a few MB.
 */
export interface FakeIssue {
  seq: number
  id: number
  key: string
  formerKeys: string[]
  project: string
  createdMs: number
  changeCount: number
  edits: FakeChange[]
  parentSeq?: number
  blocksSeq?: number
  deleted: boolean
  /** How `fields.created` is written when not the usual way (a test of unreadable issues). */
  createdText?: string
}

/** The status index after the generated changes: status k of the workflow cycle. */
function statusAfter(changeCount: number): number {
  return changeCount % FAKE_WORKFLOW.length
}

/** Whether the issue's type changed from Bug to Story after its creation. */
export function hadTypeChange(issue: FakeIssue): boolean {
  return issue.seq % 5 === 0
}

/** The issue's type now (index into {@link FAKE_TYPES}). */
export function typeOf(issue: FakeIssue): number {
  return hadTypeChange(issue) ? 0 : issue.seq % FAKE_TYPES.length
}

/** Every change of the issue, oldest first (generated ones, then edits). */
export function changesOf(issue: FakeIssue): FakeChange[] {
  const changes: FakeChange[] = []
  if (hadTypeChange(issue)) {
    changes.push({
      atMs: issue.createdMs + TYPE_CHANGE_AFTER_MS,
      field: 'issuetype',
      from: 2,
      to: 0,
    })
  }
  for (let k = 1; k <= issue.changeCount; k++) {
    const from = (k - 1) % FAKE_WORKFLOW.length
    changes.push({ atMs: issue.createdMs + k * HOUR_MS, field: 'status', from, to: statusAfter(k) })
  }
  return changes.concat(issue.edits)
}

/** How many histories the issue has, without building them. */
export function historyCount(issue: FakeIssue): number {
  return (hadTypeChange(issue) ? 1 : 0) + issue.changeCount + issue.edits.length
}

/** The issue's status now (index into {@link FAKE_WORKFLOW}). */
export function statusOf(issue: FakeIssue): number {
  for (let i = issue.edits.length - 1; i >= 0; i--) {
    const edit = issue.edits[i]
    if (edit?.field === 'status') return edit.to
  }
  return statusAfter(issue.changeCount)
}

/** When the issue last changed. */
export function updatedMsOf(issue: FakeIssue): number {
  const lastEdit = issue.edits.at(-1)
  if (lastEdit) return lastEdit.atMs
  const lastGenerated = issue.createdMs + issue.changeCount * HOUR_MS
  return hadTypeChange(issue)
    ? Math.max(lastGenerated, issue.createdMs + TYPE_CHANGE_AFTER_MS)
    : lastGenerated
}

/** The issue's labels: `web` on even issues, `api` on every third. */
export function labelsOf(issue: FakeIssue): string[] {
  return [...(issue.seq % 2 === 0 ? ['web'] : []), ...(issue.seq % 3 === 0 ? ['api'] : [])]
}

/**
 * The fake's issues: creation, edits, deletions, moves, and lookups by key (current and former,
 * as Jira redirects a moved issue's old key).
 */
export class FakeJiraState {
  readonly issues: FakeIssue[] = []
  readonly projects = new Map<string, { id: string; next: number }>()
  readonly #byKey = new Map<string, FakeIssue>()
  /** Who blocks an issue: seq → seqs of the issues that block it. */
  readonly #blockedBy = new Map<number, number[]>()
  /** Bumped by every change, so cached query results know they are stale. */
  version = 0

  constructor(readonly baseMs: number) {}

  /** The project, created on first use. */
  project(key: string): { id: string; next: number } {
    let project = this.projects.get(key)
    if (!project) {
      project = { id: String(10_000 + this.projects.size), next: 1 }
      this.projects.set(key, project)
    }
    return project
  }

  /**
   * Creates `count` issues in `project`, seven seconds apart from the fake's base time, each with
   * `changes` status changes; within the batch, every tenth issue is the parent of the nine after
   * it, and every issue whose seq is 3 mod 7 blocks the one created before it.
   */
  create(project: string, count: number, changes: number): FakeIssue[] {
    const created: FakeIssue[] = []
    const p = this.project(project)
    for (let i = 0; i < count; i++) {
      const seq = this.issues.length
      const issue: FakeIssue = {
        seq,
        id: 10_000 + seq,
        key: `${project}-${p.next++}`,
        formerKeys: [],
        project,
        createdMs: this.baseMs + seq * 7_000,
        changeCount: changes,
        edits: [],
        parentSeq: i % 10 === 0 ? undefined : seq - (i % 10),
        blocksSeq: i > 0 && seq % 7 === 3 ? seq - 1 : undefined,
        deleted: false,
      }
      this.issues.push(issue)
      this.#byKey.set(issue.key, issue)
      if (issue.blocksSeq !== undefined) this.#blockers(issue.blocksSeq).push(seq)
      created.push(issue)
    }
    this.version++
    return created
  }

  #blockers(seq: number): number[] {
    let list = this.#blockedBy.get(seq)
    if (!list) this.#blockedBy.set(seq, (list = []))
    return list
  }

  /** The live issue with this key (current or former), or undefined. */
  find(key: string): FakeIssue | undefined {
    const issue = this.#byKey.get(key.toUpperCase())
    return issue && !issue.deleted ? issue : undefined
  }

  /** The live issue with this id or key, or undefined. */
  findByIdOrKey(idOrKey: string): FakeIssue | undefined {
    if (/^\d+$/.test(idOrKey)) {
      const issue = this.issues[Number(idOrKey) - 10_000]
      return issue && !issue.deleted ? issue : undefined
    }
    return this.find(idOrKey)
  }

  /** The live issue with this seq, or undefined. */
  live(seq: number | undefined): FakeIssue | undefined {
    const issue = seq === undefined ? undefined : this.issues[seq]
    return issue && !issue.deleted ? issue : undefined
  }

  /** The live issues that block this one. */
  blockersOf(issue: FakeIssue): FakeIssue[] {
    return (this.#blockedBy.get(issue.seq) ?? []).flatMap((seq) => this.live(seq) ?? [])
  }

  /** Moves the issue to the next status of the workflow at `atMs`. */
  edit(issue: FakeIssue, atMs: number): void {
    const from = statusOf(issue)
    issue.edits.push({ atMs, field: 'status', from, to: (from + 1) % FAKE_WORKFLOW.length })
    this.version++
  }

  delete(issue: FakeIssue): void {
    issue.deleted = true
    this.version++
  }

  /** Moves the issue to `project` at `atMs`: it gets the next key there; the old one redirects. */
  move(issue: FakeIssue, project: string, atMs: number): string {
    const toKey = `${project}-${this.project(project).next++}`
    issue.edits.push({
      atMs,
      field: 'move',
      fromKey: issue.key,
      toKey,
      fromProject: issue.project,
      toProject: project,
    })
    issue.formerKeys.push(issue.key)
    issue.key = toKey
    issue.project = project
    this.#byKey.set(toKey, issue)
    this.version++
    return toKey
  }

  /** The issue as the JQL evaluator sees it. */
  jqlView(issue: FakeIssue): JqlIssue {
    return {
      key: issue.key,
      formerKeys: issue.formerKeys,
      project: issue.project,
      createdMs: issue.createdMs,
      updatedMs: updatedMsOf(issue),
      status: FAKE_WORKFLOW[statusOf(issue)]?.name ?? '',
      type: FAKE_TYPES[typeOf(issue)]?.name ?? '',
      labels: labelsOf(issue),
    }
  }
}
