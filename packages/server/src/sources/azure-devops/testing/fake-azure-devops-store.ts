import type { FakeWorkItem } from './fake-azure-devops-model'

/**
 * The fake's work items by id, and in creation order: indexed so that a fake of 100,000 items
 * answers at once. A moved item keeps its id (Azure DevOps ids are unique in the organisation).
 */
export class FakeAzureStore {
  #byId = new Map<number, FakeWorkItem>()
  #projects = new Set<string>()

  addProject(name: string): void {
    this.#projects.add(name)
  }

  projects(): string[] {
    return [...this.#projects]
  }

  add(item: FakeWorkItem): void {
    this.#projects.add(item.project)
    this.#byId.set(item.id, item)
  }

  remove(ids: readonly number[]): void {
    for (const id of ids) this.#byId.delete(id)
  }

  find(id: number): FakeWorkItem | undefined {
    return this.#byId.get(id)
  }

  /** Every item, by id (ids grow with creation). */
  list(): FakeWorkItem[] {
    return [...this.#byId.values()]
  }

  /** `System.ChangedDate` of an item (epoch ms): its last revision that changed fields. */
  changedMs(item: FakeWorkItem): number {
    for (let k = item.revisions.length - 1; k >= 0; k--) {
      const r = item.revisions[k]
      if (r !== undefined && r.fields['System.ChangedDate'] !== undefined) return r.atMs
    }
    return item.createdMs
  }
}
