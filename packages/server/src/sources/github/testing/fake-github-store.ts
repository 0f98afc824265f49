import type { FakeItem, FakeWorkflow } from './fake-github-model'
import { growHistory, newFakeIssue, toSecond } from './fake-github-model'

/** A repository of the fake with its items, and its item lists sorted on demand. */
export interface FakeRepo {
  fullName: string
  id: number
  items: FakeItem[]
  nextNumber: number
  /** Lists by `sort,direction`, rebuilt after a change (`version` moves). */
  sorted: Map<string, FakeItem[]>
  version: number
}

/**
 * The fake's data: repositories, items by key, and the orderings the issue list serves. Items
 * are plain objects; their JSON is made when a request asks for it.
 */
export class FakeGitHubStore {
  readonly repos = new Map<string, FakeRepo>()
  readonly byKey = new Map<string, FakeItem>()
  readonly byNodeId = new Map<string, FakeItem>()
  #nextId = 1_000_000
  #created = 0

  constructor(
    readonly workflow: FakeWorkflow,
    readonly startMs: number,
  ) {}

  repo(fullName: string): FakeRepo {
    let repo = this.repos.get(fullName)
    if (repo === undefined) {
      repo = {
        fullName,
        id: 500 + this.repos.size,
        items: [],
        nextNumber: 1,
        sorted: new Map(),
        version: 0,
      }
      this.repos.set(fullName, repo)
    }
    return repo
  }

  nextId(): number {
    return this.#nextId++
  }

  /** `count` new issues of `repo`, a minute apart, each with `changes` status changes. */
  createIssues(fullName: string, count: number, changes: number): FakeItem[] {
    const repo = this.repo(fullName)
    const made: FakeItem[] = []
    for (let k = 0; k < count; k++) {
      const createdMs = toSecond(this.startMs + this.#created++ * 60_000)
      const item = newFakeIssue(
        { repo: fullName, number: repo.nextNumber++, id: this.nextId(), createdMs },
        this.workflow,
      )
      growHistory(item, this.workflow, changes)
      this.add(item)
      made.push(item)
    }
    return made
  }

  add(item: FakeItem): void {
    const repo = this.repo(item.repo)
    repo.items.push(item)
    this.byKey.set(`${item.repo}#${item.number}`, item)
    this.byNodeId.set(item.nodeId, item)
    this.touch(repo)
  }

  /** Marks `repo`'s sorted lists as stale after a change of its items. */
  touch(repo: FakeRepo): void {
    repo.version++
    repo.sorted.clear()
  }

  /** The repository's present items sorted by `sort` (`created`, `updated`) and `direction`. */
  sortedItems(repo: FakeRepo, sort: string, direction: string): FakeItem[] {
    const id = `${sort},${direction}`
    let list = repo.sorted.get(id)
    if (list === undefined) {
      const field = sort === 'updated' ? 'updatedMs' : 'createdMs'
      const sign = direction === 'asc' ? 1 : -1
      list = repo.items
        .filter((item) => !item.deleted && item.movedTo === undefined)
        .sort((a, b) => sign * (a[field] - b[field] || a.number - b.number))
      repo.sorted.set(id, list)
    }
    return list
  }

  /** The repositories of an owner, by name. */
  reposOf(owner: string): FakeRepo[] {
    return [...this.repos.values()]
      .filter((r) => r.fullName.startsWith(`${owner}/`))
      .sort((a, b) => (a.fullName < b.fullName ? -1 : 1))
  }
}

/** The first index of `list` (sorted by update time, ascending) updated at or after `ms`. */
export function firstUpdatedFrom(list: readonly FakeItem[], ms: number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((list[mid] as FakeItem).updatedMs < ms) lo = mid + 1
    else hi = mid
  }
  return lo
}
