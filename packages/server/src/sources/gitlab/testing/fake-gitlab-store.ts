import { fakeKeyOf } from './fake-gitlab-model'
import type { FakeGitLabItem, FakeKind, FakeProject } from './fake-gitlab-model'

/**
 * The fake's items, indexed so that a fake of 100,000 items answers at once: by key (items
 * still in their project), by project, kind and iid (moved-away ones too, as GitLab keeps them),
 * and lists in creation order per project set and kind (rebuilt after an item is added or
 * removed; edits do not change the order).
 */
export class FakeGitLabStore {
  readonly projects = new Map<string, FakeProject>()
  #byKey = new Map<string, FakeGitLabItem>()
  #byRef = new Map<string, FakeGitLabItem>()
  #items: FakeGitLabItem[] = []
  #sorted = new Map<string, FakeGitLabItem[]>()

  /** The project at `path`, made empty when new. */
  project(path: string): FakeProject {
    let found = this.projects.get(path)
    if (found === undefined) {
      found = { id: 1 + this.projects.size, path, nextIid: { issues: 1, merge_requests: 1 } }
      this.projects.set(path, found)
    }
    return found
  }

  /** The project whose path or id is `ref`. */
  findProject(ref: string): FakeProject | undefined {
    for (const p of this.projects.values()) if (p.path === ref || String(p.id) === ref) return p
    return undefined
  }

  add(item: FakeGitLabItem): void {
    this.#items.push(item)
    this.#byKey.set(fakeKeyOf(item), item)
    this.#byRef.set(`${item.project.id}/${item.kind}/${item.iid}`, item)
    this.#sorted.clear()
  }

  /** Marks `item` moved to `to` (its key then names nothing) and adds `to`. */
  move(item: FakeGitLabItem, to: FakeGitLabItem): void {
    this.#byKey.delete(fakeKeyOf(item))
    this.add(to)
  }

  remove(items: ReadonlySet<FakeGitLabItem>): void {
    this.#items = this.#items.filter((i) => !items.has(i))
    for (const item of items) {
      this.#byKey.delete(fakeKeyOf(item))
      this.#byRef.delete(`${item.project.id}/${item.kind}/${item.iid}`)
    }
    this.#sorted.clear()
  }

  findByKey(key: string): FakeGitLabItem | undefined {
    return this.#byKey.get(key)
  }

  findByRef(project: FakeProject, kind: FakeKind, iid: string): FakeGitLabItem | undefined {
    return this.#byRef.get(`${project.id}/${kind}/${iid}`)
  }

  /** The items of `kind` in `projects`, oldest created first (moved-away ones included). */
  list(projects: readonly FakeProject[], kind: FakeKind): readonly FakeGitLabItem[] {
    const ids = new Set(projects.map((p) => p.id))
    const cacheKey = `${[...ids].sort().join(',')}|${kind}`
    let sorted = this.#sorted.get(cacheKey)
    if (sorted === undefined) {
      sorted = this.#items
        .filter((i) => i.kind === kind && ids.has(i.project.id))
        .sort((a, b) => a.createdMs - b.createdMs || a.id - b.id)
      this.#sorted.set(cacheKey, sorted)
    }
    return sorted
  }
}
