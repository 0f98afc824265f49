import type { JiraFields, JiraNamed, JiraSprint } from './jira-json-payloads'

/**
 * Finds a field by its name: a key of `fields` equal to one of `wanted` (case-insensitive), or a
 * custom field whose display name in `names` (field id → name, from `expand=names`) is one of them.
 */
export function findNamedField(
  fields: JiraFields,
  names: Readonly<Record<string, string>> | undefined,
  wanted: readonly string[],
): unknown {
  const lower = new Set(wanted.map((w) => w.toLowerCase()))
  for (const [id, value] of Object.entries(fields)) {
    if (value != null && lower.has(id.toLowerCase())) return value
  }
  for (const [id, name] of Object.entries(names ?? {})) {
    const value = fields[id]
    if (value != null && lower.has(name.toLowerCase())) return value
  }
  return undefined
}

/**
 * The display text of a Jira field value: a string as is; an object's `name`, `value`, `title`,
 * `displayName` or `key` (first present); anything else `undefined`. Empty strings are `undefined`.
 */
export function displayText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value
  if (typeof value !== 'object' || value === null) return undefined
  const o = value as Record<string, unknown>
  for (const key of ['name', 'value', 'title', 'displayName', 'key']) {
    const text = o[key]
    if (typeof text === 'string' && text.trim() !== '') return text
  }
  return undefined
}

/** Names of a list of named objects (`components`, `fixVersions`), skipping nameless ones. */
export function namesOf(list: readonly unknown[]): string[] {
  return list.flatMap((item) => {
    const name = (item as JiraNamed | null)?.name
    return typeof name === 'string' && name !== '' ? [name] : []
  })
}

// Jira Server's Sprint custom field holds `com.atlassian.greenhopper...Sprint@1a2b[id=1,...,name=Sprint 1,...]`.
const SERVER_SPRINT_NAME = /[[,]name=([^,\]]*)/

function sprintName(value: unknown): string | undefined {
  if (typeof value === 'string') return SERVER_SPRINT_NAME.exec(value)?.[1] ?? value
  return displayText(value as JiraSprint)
}

/**
 * The names of the sprints an issue was in, oldest first as Jira lists them, without repeats:
 * `closedSprints` and `sprint` (the appcelerator dump) and the `Sprint` custom field (found
 * through `names`; objects on Cloud, `...Sprint@..[name=..]` strings on old Server versions).
 */
export function sprintNames(
  fields: JiraFields,
  names?: Readonly<Record<string, string>>,
): string[] {
  const custom = findNamedField(fields, names, ['Sprint'])
  const values: unknown[] = [
    ...(Array.isArray(fields.closedSprints) ? fields.closedSprints : []),
    fields.sprint,
    ...(Array.isArray(custom) ? custom : [custom]),
  ]
  const found = values.flatMap((v) => {
    const name = v == null ? undefined : sprintName(v)
    return name ? [name] : []
  })
  return [...new Set(found)]
}

/** Jira issue keys: a project key (letter, then letters, digits or `_`), a dash and a number. */
export const JIRA_KEY = /^[A-Z][A-Z0-9_]*-\d+$/

/** The project key of an issue key (`PAY` of `PAY-123`), or `undefined` for another shape. */
export function projectOfKey(key: string): string | undefined {
  return JIRA_KEY.test(key) ? key.slice(0, key.lastIndexOf('-')) : undefined
}

/** The browse URL of `key`: under `baseUrl` when given, else derived from the REST `self` URL. */
export function browseUrl(key: string, baseUrl?: string, self?: string): string | undefined {
  const base = baseUrl ?? (self ? /^(https?:\/\/.+?)\/rest\/api\//.exec(self)?.[1] : undefined)
  return base === undefined ? undefined : `${base.replace(/\/+$/, '')}/browse/${key}`
}
