/** The GraphQL queries of the Projects v2 workflow, and the shapes of their answers. */

/** The project by owner and number, with the configured field's type. */
export function projectQuery(ownerType: 'organization' | 'user'): string {
  return `query($owner: String!, $number: Int!, $field: String!) {
  owner: ${ownerType}(login: $owner) {
    projectV2(number: $number) {
      id
      title
      field(name: $field) { __typename }
    }
  }
}`
}

const TIMELINE_SELECTION = `pageInfo { hasNextPage endCursor }
      nodes {
        __typename
        ... on ProjectV2ItemStatusChangedEvent { createdAt status project { id } }
        ... on RemovedFromProjectV2Event { createdAt project { id } }
      }`

const TIMELINE_TYPES =
  'itemTypes: [PROJECT_V2_ITEM_STATUS_CHANGED_EVENT, REMOVED_FROM_PROJECT_V2_EVENT]'

const ITEM_SELECTION = `id
    projectItems(first: 20, includeArchived: true) {
      nodes {
        project { id }
        fieldValueByName(name: $field) {
          __typename
          ... on ProjectV2ItemFieldSingleSelectValue { name updatedAt }
        }
      }
    }
    timelineItems(first: 100, ${TIMELINE_TYPES}) {
      ${TIMELINE_SELECTION}
    }`

/** Issues and pull requests by node id: their project values and status changes. */
export const ITEMS_QUERY = `query($ids: [ID!]!, $field: String!) {
  nodes(ids: $ids) {
    __typename
    ... on Issue { ${ITEM_SELECTION} }
    ... on PullRequest { ${ITEM_SELECTION} }
  }
}`

/** The next page of one item's status changes. */
export const TIMELINE_PAGE_QUERY = `query($id: ID!, $after: String!) {
  node(id: $id) {
    ... on Issue { timelineItems(first: 100, after: $after, ${TIMELINE_TYPES}) { ${TIMELINE_SELECTION} } }
    ... on PullRequest { timelineItems(first: 100, after: $after, ${TIMELINE_TYPES}) { ${TIMELINE_SELECTION} } }
  }
}`

/** The repository and number of issues and pull requests by node id. */
export const NODES_QUERY = `query($ids: [ID!]!) {
  nodes(ids: $ids) {
    __typename
    ... on Issue { number repository { nameWithOwner } }
    ... on PullRequest { number repository { nameWithOwner } }
  }
}`

/** One status change or removal in an item's timeline. */
export interface ProjectTimelineNode {
  __typename?: string
  createdAt?: string
  status?: string | null
  project?: { id?: string } | null
}

/** A page of an item's project timeline. */
export interface TimelineConnection {
  pageInfo?: { hasNextPage?: boolean; endCursor?: string | null }
  nodes?: (ProjectTimelineNode | null)[]
}

/** An issue or pull request node of {@link ITEMS_QUERY}. */
export interface ItemNode {
  __typename?: string
  id?: string
  projectItems?: {
    nodes?: ({
      project?: { id?: string } | null
      fieldValueByName?: { __typename?: string; name?: string | null; updatedAt?: string } | null
    } | null)[]
  }
  timelineItems?: TimelineConnection
}
