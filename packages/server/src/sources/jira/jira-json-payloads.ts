// The parts of Jira REST API v2/v3 responses the importer reads (IssueBean, PageOfChangelogs,
// Changelog, ChangeDetails, SearchResults, SearchAndReconcileResults in the Cloud OpenAPI spec).
// Everything is optional because exports are trimmed (the appcelerator dump) and fields vary.

/** A named Jira object (`status`, `issuetype`, `priority`, `resolution`, `component`, `version`). */
export interface JiraNamed {
  id?: string | number
  name?: string
}

/** `fields.status`: the status now and its category (`new`, `indeterminate`, `done`). */
export interface JiraStatus extends JiraNamed {
  statusCategory?: { key?: string; name?: string }
}

/** A reference to another issue (`fields.parent`, a link's `inwardIssue`/`outwardIssue`). */
export interface JiraIssueRef {
  id?: string
  key?: string
  self?: string
}

/** One `fields.issuelinks` entry; exactly one of `inwardIssue`/`outwardIssue` is set. */
export interface JiraIssueLink {
  id?: string
  type?: { name?: string; inward?: string; outward?: string }
  inwardIssue?: JiraIssueRef
  outwardIssue?: JiraIssueRef
}

/** A sprint as Jira Software returns it (Server also returns `...Sprint@1f[name=...,]` strings). */
export interface JiraSprint {
  id?: number
  name?: string
  state?: string
}

/** `ChangeDetails`: one changed field; `fromString`/`toString` are the display values. */
export interface JiraChangeItem {
  field?: string
  fieldId?: string
  fieldtype?: string
  from?: string | null
  fromString?: string | null
  to?: string | null
  toString?: string | null
}

/** `Changelog`: the changes of one edit. `created` is ISO text (`2015-04-24T12:04:05.000+0000`). */
export interface JiraHistory {
  id?: string
  created?: string
  items?: JiraChangeItem[]
}

/** `PageOfChangelogs` inline in an issue: at most 100 histories; `total` counts them all. */
export interface JiraChangelog {
  startAt?: number
  maxResults?: number
  total?: number
  histories?: JiraHistory[]
}

/**
 * The fields the mapper reads. Custom fields (`customfield_10020`) are found through the
 * `names` map (field id → display name) that `expand=names` adds to the issue or search page.
 * `description` is a string in v2 and an ADF document in v3; the importer ignores it.
 */
export interface JiraFields {
  summary?: string
  issuetype?: JiraNamed
  status?: JiraStatus
  project?: { id?: string; key?: string; name?: string }
  created?: string
  updated?: string
  resolutiondate?: string | null
  resolution?: JiraNamed | null
  priority?: JiraNamed | null
  labels?: string[]
  components?: JiraNamed[]
  fixVersions?: JiraNamed[]
  parent?: JiraIssueRef
  issuelinks?: JiraIssueLink[]
  /** Jira Software in the appcelerator dump: the current sprint and the closed ones. */
  sprint?: JiraSprint | null
  closedSprints?: JiraSprint[]
  /** Jira Software in the appcelerator dump: the epic the issue belongs to. */
  epic?: { key?: string } | null
  [fieldId: string]: unknown
}

/** `IssueBean`: one issue, as `GET /issue/{key}` or one entry of a search page returns it. */
export interface JiraIssue {
  id?: string
  key?: string
  self?: string
  fields?: JiraFields
  names?: Record<string, string>
  changelog?: JiraChangelog
}

/** `SearchResults` of `GET /rest/api/2|3/search` (offset paging). */
export interface JiraSearchPage {
  issues: JiraIssue[]
  startAt?: number
  maxResults?: number
  total?: number
  names?: Record<string, string>
}

/** `SearchAndReconcileResults` of the enhanced `GET /rest/api/3/search/jql` (token paging). */
export interface JiraJqlSearchPage {
  issues: JiraIssue[]
  nextPageToken?: string | null
  isLast?: boolean
  names?: Record<string, string>
}
