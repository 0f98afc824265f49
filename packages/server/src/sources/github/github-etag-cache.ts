/** What a conditional request reuses when GitHub answers 304: the value made of the body. */
export interface CachedPage<T> {
  etag: string
  value: T
  /** The `next` link of the page, when it had one. */
  next?: string
}

/**
 * The ETags of pages read before, with a value derived from each body, so a request for an
 * unchanged page can be made conditional (`If-None-Match`) and a 304, which costs no rate limit,
 * answered from here. Holds at most `capacity` pages, forgetting the least recently used. In
 * memory, per connector.
 */
export class EtagCache<T> {
  readonly #pages = new Map<string, CachedPage<T>>()

  constructor(readonly capacity: number) {}

  get(url: string): CachedPage<T> | undefined {
    const page = this.#pages.get(url)
    if (page !== undefined) {
      this.#pages.delete(url)
      this.#pages.set(url, page)
    }
    return page
  }

  set(url: string, page: CachedPage<T>): void {
    this.#pages.delete(url)
    this.#pages.set(url, page)
    if (this.#pages.size > this.capacity) {
      const oldest = this.#pages.keys().next()
      if (!oldest.done) this.#pages.delete(oldest.value)
    }
  }

  get size(): number {
    return this.#pages.size
  }
}
