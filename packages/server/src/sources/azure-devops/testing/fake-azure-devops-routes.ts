import type { FakeAzureDevOpsData } from './fake-azure-devops-server'
import { FAKE_STATES, renderFakeUpdates, renderFakeWorkItem } from './fake-azure-devops-model'
import { parseFakeWiql } from './fake-azure-devops-wiql'

/** An answer of the fake: status, JSON body (or raw text) and extra headers. */
export interface FakeAzureAnswer {
  status: number
  body?: unknown
  text?: string
  headers?: Record<string, string>
}

/** Azure DevOps' exception body (`{"$id":"1","message":…,"typeKey":…}`). */
export function azureException(status: number, message: string, typeKey: string): FakeAzureAnswer {
  return {
    status,
    body: {
      $id: '1',
      innerException: null,
      message,
      typeName: `Microsoft.TeamFoundation.WorkItemTracking.Server.${typeKey}, Microsoft.TeamFoundation.WorkItemTracking.Server`,
      typeKey,
      errorCode: 0,
      eventId: 3200,
    },
  }
}

function wiql(data: FakeAzureDevOpsData, url: URL, body: string): FakeAzureAnswer {
  let query: unknown
  try {
    query = (JSON.parse(body) as { query?: unknown }).query
  } catch {
    query = undefined
  }
  if (typeof query !== 'string') {
    return azureException(
      400,
      'VS402600: The WIQL query is missing.',
      'WorkItemTrackingQueryException',
    )
  }
  const parsed = parseFakeWiql(query, url.searchParams.get('timePrecision') === 'true')
  if (typeof parsed === 'string') return azureException(400, parsed, 'QueryException')
  const top = Number(url.searchParams.get('$top') ?? 20_000)
  const found = data.store.list().filter((i) => parsed.filter(i, data.store.changedMs(i)))
  if (parsed.byChanged) {
    found.sort((a, b) => data.store.changedMs(a) - data.store.changedMs(b) || a.id - b.id)
  }
  if (found.length > 20_000 && top > 20_000) {
    return azureException(
      400,
      'VS402337: The number of work items returned exceeds the size limit of 20000.',
      'QueryException',
    )
  }
  return {
    status: 200,
    body: {
      queryType: 'flat',
      asOf: new Date().toISOString(),
      columns: [
        { referenceName: 'System.Id', name: 'ID', url: `${data.base}/_apis/wit/fields/System.Id` },
      ],
      workItems: found
        .slice(0, top)
        .map((i) => ({ id: i.id, url: `${data.base}/_apis/wit/workItems/${i.id}` })),
    },
  }
}

function workItems(data: FakeAzureDevOpsData, url: URL): FakeAzureAnswer {
  const ids = (url.searchParams.get('ids') ?? '')
    .split(',')
    .filter((t) => t !== '')
    .map(Number)
  if (ids.length > 200) {
    return azureException(
      400,
      'VS403474: You can request at most 200 work items at a time.',
      'WorkItemTrackingException',
    )
  }
  const omit = url.searchParams.get('errorPolicy') === 'omit'
  const items = ids.map((id) => data.store.find(id))
  const missing = ids.find((id, k) => items[k] === undefined)
  if (!omit && missing !== undefined) {
    return azureException(
      404,
      `TF401232: Work item ${missing} does not exist, or you do not have permissions to read it.`,
      'WorkItemUnauthorizedAccessException',
    )
  }
  const value = items.map((i) => (i === undefined ? null : renderFakeWorkItem(i, data.base)))
  return { status: 200, body: { count: value.length, value } }
}

function updates(data: FakeAzureDevOpsData, url: URL, id: number): FakeAzureAnswer {
  const item = data.store.find(id)
  if (item === undefined) {
    return azureException(
      404,
      `TF401232: Work item ${id} does not exist, or you do not have permissions to read it.`,
      'WorkItemUnauthorizedAccessException',
    )
  }
  const top = Math.min(Number(url.searchParams.get('$top') ?? 200) || 200, data.updatesPageSize)
  const skip = Number(url.searchParams.get('$skip') ?? 0) || 0
  const value = renderFakeUpdates(item, data.base).slice(skip, skip + top)
  return { status: 200, body: { count: value.length, value } }
}

function workItemTypes(project: string): FakeAzureAnswer {
  const states = FAKE_STATES.map((s) => ({ name: s.name, color: 'b2b2b2', category: s.category }))
  const type = (name: string) => ({
    name,
    referenceName: `Microsoft.VSTS.WorkItemTypes.${name.replace(' ', '')}`,
    description: `${name} of ${project}`,
    isDisabled: false,
    states,
  })
  return { status: 200, body: { count: 2, value: [type('User Story'), type('Bug')] } }
}

/**
 * The answer to an authenticated request, from the fake's data: `POST _apis/wit/wiql`,
 * `GET _apis/wit/workitems?ids=`, `GET _apis/wit/workItems/{id}/updates` (`$top`/`$skip`),
 * `GET _apis/projects`, `GET {project}/_apis/wit/workitemtypes`. The projects list and the
 * work item types list with `states` follow Microsoft's REST reference (Core 7.1 "Projects -
 * List", WIT 7.1 "Work Item Types - List"): the bundled Swagger has no example of either.
 */
export function answerFakeAzure(
  data: FakeAzureDevOpsData,
  at: { method: string; url: URL; body: string },
): FakeAzureAnswer {
  const { url } = at
  const path = url.pathname.replace(/\/+$/, '')
  if (at.method === 'POST' && /\/_apis\/wit\/wiql$/i.test(path)) return wiql(data, url, at.body)
  if (at.method !== 'GET')
    return azureException(
      405,
      'The requested resource does not support this method.',
      'MethodNotAllowed',
    )
  if (/^\/_apis\/wit\/workitems$/i.test(path)) return workItems(data, url)
  const updatesMatch = /^\/_apis\/wit\/workItems\/(\d+)\/updates$/i.exec(path)
  if (updatesMatch) return updates(data, url, Number(updatesMatch[1]))
  if (path === '/_apis/projects') {
    const names = data.store.projects()
    const value = names.map((name, k) => ({
      id: `00000000-0000-0000-0000-00000000000${k}`,
      name,
      state: 'wellFormed',
      visibility: 'private',
      revision: 1,
    }))
    return { status: 200, body: { count: value.length, value } }
  }
  const types = /^\/([^/]+)\/_apis\/wit\/workitemtypes$/i.exec(path)
  if (types) return workItemTypes(decodeURIComponent(types[1] ?? ''))
  return azureException(
    404,
    `VS800075: The project or resource at ${path} does not exist.`,
    'ProjectDoesNotExistWithNameException',
  )
}
