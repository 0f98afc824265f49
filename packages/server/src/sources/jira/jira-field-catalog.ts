import type { JiraClient } from './jira-client'

/** `FieldDetails` of `GET /rest/api/2|3/field`: the parts the connector reads. */
export interface JiraFieldDetails {
  id?: string
  name?: string
  custom?: boolean
  schema?: { custom?: string; type?: string }
}

/** The fields a pull asks for and the display names the mapper finds custom fields by. */
export interface JiraFieldSet {
  /** Field ids for the search's `fields` parameter. */
  ids: string[]
  /** Custom field id → the name the mapper knows it by (`Sprint`, `Epic Link`, `Team` …). */
  names: Record<string, string>
}

/** The system fields the mapper reads (see `jiraIssueToRecord`). */
export const MAPPED_SYSTEM_FIELDS = [
  'summary',
  'issuetype',
  'status',
  'project',
  'created',
  'updated',
  'resolutiondate',
  'resolution',
  'priority',
  'labels',
  'components',
  'fixVersions',
  'parent',
  'issuelinks',
] as const

// Jira Software's and Advanced Roadmaps' custom field types, found whatever the site calls them.
const KNOWN_CUSTOM_TYPES: Readonly<Record<string, string>> = {
  'com.pyxis.greenhopper.jira:gh-sprint': 'Sprint',
  'com.pyxis.greenhopper.jira:gh-epic-link': 'Epic Link',
  'com.atlassian.jpo:jpo-custom-field-parent': 'Parent Link',
}

/**
 * The fields to ask for: {@link MAPPED_SYSTEM_FIELDS}; the site's Sprint, Epic Link and Parent
 * Link fields (found by their custom type in `GET /field`); a custom field named `Team` unless
 * the allow-list names one; and every allow-listed field (`allowList`: name → id).
 */
export function fieldSetOf(
  catalog: readonly JiraFieldDetails[],
  allowList: Readonly<Record<string, string>>,
): JiraFieldSet {
  const names: Record<string, string> = {}
  const teamAllowed = Object.keys(allowList).some((name) => name.toLowerCase() === 'team')
  for (const field of catalog) {
    if (!field.custom || typeof field.id !== 'string') continue
    const known = KNOWN_CUSTOM_TYPES[field.schema?.custom ?? '']
    if (known !== undefined) names[field.id] = known
    else if (!teamAllowed && field.name?.toLowerCase() === 'team') names[field.id] = 'Team'
  }
  for (const [name, id] of Object.entries(allowList)) names[id] = name
  return { ids: [...MAPPED_SYSTEM_FIELDS, ...Object.keys(names)], names }
}

/** Reads the site's field catalog (`GET /rest/api/3/field`, `/rest/api/2/field`). */
export async function readFieldSet(
  client: JiraClient,
  allowList: Readonly<Record<string, string>>,
  signal?: AbortSignal,
): Promise<JiraFieldSet> {
  const catalog = await client.request<JiraFieldDetails[]>({ path: `${client.api}/field`, signal })
  return fieldSetOf(Array.isArray(catalog) ? catalog : [], allowList)
}
