import type { WorkItemLink, WorkItemRecord } from '@openvmo/core'

/**
 * Source names recognised as a target prefix (`github:acme/pay#45`) even when no record of that
 * source is loaded. Any source of the loaded records is recognised too.
 */
export const KNOWN_SOURCES = [
  'jira',
  'github',
  'gitlab',
  'azure-devops',
  'azure_devops',
  'servicenow',
]

/** The link type of a detected mention. */
export const MENTIONS = 'mentions'

// Jira-style keys: a project key of capitals and digits, a dash and a number (`PAY-123`).
const MENTIONED_KEY = /\b[A-Z][A-Z0-9]+-\d+\b/g
// ServiceNow task numbers: a table prefix and seven or more digits (`INC0012345`, `RITM0010001`).
const MENTIONED_SERVICENOW_NUMBER = /\b(?:INC|REQ|RITM|CHG|PRB|SCTASK|CTASK|PTASK)\d{7,}\b/g

/**
 * Link targets are `<source>:<key>` (`jira:PAY-123`, `github:acme/pay#45`). A target without a
 * recognised source prefix is a bare key of the linking item's own source, so `PAY-130` on a
 * jira item means `jira:PAY-130`. Returns the qualified form.
 */
export function qualifyLinkTarget(
  target: string,
  ownSource: string,
  sources: ReadonlySet<string>,
): string {
  const colon = target.indexOf(':')
  const prefix = colon > 0 ? target.slice(0, colon) : undefined
  return prefix !== undefined && sources.has(prefix) ? target : `${ownSource}:${target}`
}

/** The (source, key) of every item of an import run: what mentions may point at. */
export interface ItemKey {
  source: string
  key: string
}

/**
 * Finds the links of records one at a time, against the keys of every item of the run (known
 * before the first record, so a file can be imported as a stream): see
 * {@link detectCrossSourceLinks} for the rules.
 */
export class CrossSourceLinker {
  readonly #sources: ReadonlySet<string>
  readonly #sourcesByKey: ReadonlyMap<string, ReadonlySet<string>>

  constructor(keys: Iterable<ItemKey>) {
    const sources = new Set(KNOWN_SOURCES)
    const index = new Map<string, Set<string>>()
    for (const { key, source } of keys) {
      sources.add(source)
      const set = index.get(key)
      if (set) set.add(source)
      else index.set(key, new Set([source]))
    }
    this.#sources = sources
    this.#sourcesByKey = index
  }

  /** The record's links, qualified, plus its cross-source mentions. */
  linksOf(record: WorkItemRecord): WorkItemLink[] {
    const explicit = (record.links ?? []).map((link) => ({
      type: link.type,
      target: qualifyLinkTarget(link.target, record.source, this.#sources),
    }))
    const linked = new Set(explicit.map((l) => l.target))
    const mentions = mentionedTargets(record, this.#sourcesByKey).filter((t) => !linked.has(t))
    return [...explicit, ...mentions.map((target) => ({ type: MENTIONS, target }))]
  }

  /** The record with its `links` replaced by {@link linksOf} (a new object), or as it is. */
  withLinks(record: WorkItemRecord): WorkItemRecord {
    const found = this.linksOf(record)
    return found.length === 0 ? record : { ...record, links: found }
  }
}

/**
 * The links of each record (same order as `records`), with targets qualified by
 * {@link qualifyLinkTarget} plus the cross-source mentions found in the text: a Jira-style key
 * (`PAY-123`, capitals only, whole word) or a ServiceNow number (`INC0012345`, `RITM0010001`) in the item's `title`, `fields.branch` or `fields.body`
 * that is the key of an item of *another* source becomes `{ type: 'mentions', target:
 * 'jira:PAY-123' }` (one per source having that key). Keys of the item's own source and keys no
 * loaded item has are ignored, so `UTF-8` in a title links nothing. A mention is not added when
 * an explicit link already points at the same target. Pure; the records are not modified.
 */
export function detectCrossSourceLinks(records: readonly WorkItemRecord[]): WorkItemLink[][] {
  const linker = new CrossSourceLinker(records)
  return records.map((record) => linker.linksOf(record))
}

/** The records with their `links` replaced by {@link detectCrossSourceLinks}'s (new objects). */
export function withCrossSourceLinks(records: readonly WorkItemRecord[]): WorkItemRecord[] {
  const linker = new CrossSourceLinker(records)
  return records.map((record) => linker.withLinks(record))
}

function mentionedTargets(
  record: WorkItemRecord,
  sourcesByKey: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  const targets = new Set<string>()
  for (const text of textsOf(record)) {
    const keys = [...text.matchAll(MENTIONED_KEY), ...text.matchAll(MENTIONED_SERVICENOW_NUMBER)]
    for (const [key] of keys) {
      for (const source of sourcesByKey.get(key) ?? []) {
        if (source !== record.source) targets.add(`${source}:${key}`)
      }
    }
  }
  return [...targets]
}

function textsOf(record: WorkItemRecord): string[] {
  const candidates = [record.title, record.fields?.branch, record.fields?.body]
  return candidates.filter((t): t is string => typeof t === 'string')
}
