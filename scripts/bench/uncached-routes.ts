// The requests the dashboard's pages make (packages/web/src/api/queries/, with the pages' default
// filters: period week, no team, the server's range), each given a fresh as-of instant so that no
// response comes from the API's cache: a minute earlier each time (into the history: items changed
// after it must be derived again, the harder case), or with `forward` a minute later each time,
// as the dashboard's default as-of (now) moves on after the last change.

/** One dashboard request; `request(k)` is its k-th fresh variant. */
export interface UncachedRoute {
  name: string
  request(k: number): { path: string; init?: RequestInit }
}

/** What the routes are about: a stream, a tool state, an item, and the stored mapping. */
export interface RoutePlan {
  stream: string
  state: { status: string; source: string }
  item: { source: string; key: string }
  mappingYaml: string
  /** The organisation's "now" (epoch ms); request k is as of k minutes before it (or after). */
  nowMs: number
  forward: boolean
}

interface Json {
  [key: string]: unknown
}

async function getJson(url: string): Promise<Json> {
  const res = await fetch(url)
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`)
  return (await res.json()) as Json
}

/** Finds a stream, the tool state items wait in longest, an item of that stream, the mapping. */
export async function planRoutes(
  baseUrl: string,
  time: { nowMs: number; forward: boolean },
): Promise<RoutePlan> {
  const api = `${baseUrl}/api/v1`
  const streams = (await getJson(`${api}/value-streams`)).valueStreams as { name: string }[]
  const stream = streams[0]?.name ?? ''
  const tis = await getJson(`${api}/flow/time-in-state?period=week`)
  const states = tis.states as { status: string; source: string; totalDays?: number }[]
  const aging = await getJson(`${api}/flow/aging?period=week&stream=${encodeURIComponent(stream)}`)
  const oldest = (aging.items as { source: string; key: string }[])[0]
  const mapping = await getJson(`${api}/mapping`)
  return {
    stream,
    state: states[0] ?? { status: 'In Progress', source: 'jira' },
    item: oldest ?? { source: 'jira', key: 'PAY-1' },
    mappingYaml: String(mapping.yaml),
    ...time,
  }
}

/** The dashboard's requests, page by page, for `plan`. */
export function dashboardRoutes(plan: RoutePlan): UncachedRoute[] {
  const step = plan.forward ? 60_000 : -60_000
  const asOf = (k: number) => new Date(plan.nowMs + k * step).toISOString()
  const s = `stream=${encodeURIComponent(plan.stream)}`
  const get = (name: string, path: string): UncachedRoute => ({
    name,
    request: (k) => ({ path: `${path}${path.includes('?') ? '&' : '?'}asOf=${asOf(k)}` }),
  })
  const state = `status=${encodeURIComponent(plan.state.status)}&source=${plan.state.source}`
  const prefix = plan.item.key.replace(/\d+$/, '')
  return [
    // portfolio
    get('portfolio', '/api/v1/portfolio?period=week'),
    // value stream page (value streams: the server's moving clock makes each one fresh)
    { name: 'value-streams', request: () => ({ path: '/api/v1/value-streams' }) },
    get('metrics', `/api/v1/metrics?${s}&period=week`),
    get('flow-times', `/api/v1/flow/flow-times?${s}&period=week`),
    get('daily', `/api/v1/flow/daily?${s}&period=week`),
    get('when', `/api/v1/forecasts/when?${s}&period=week&items=10`),
    { name: 'business-results', request: () => ({ path: `/api/v1/business-results?${s}` }) },
    // flow analysis (every stream) and its drill-down
    get('cfd', '/api/v1/flow/cfd?period=week'),
    get('time-in-state', '/api/v1/flow/time-in-state?period=week'),
    get('aging', '/api/v1/flow/aging?period=week'),
    get('littles-law', '/api/v1/flow/littles-law?period=week'),
    get('state-items', `/api/v1/flow/time-in-state/items?period=week&${state}&limit=20&offset=0`),
    // search (a new text each time) and an item's journey
    {
      name: 'search',
      request: (k) => ({ path: `/api/v1/items?q=${encodeURIComponent(prefix + k)}&limit=25` }),
    },
    get('journey', `/api/v1/items/${plan.item.source}/${encodeURIComponent(plan.item.key)}`),
    // mapping workbench: the stored mapping and its preview
    { name: 'mapping', request: () => ({ path: '/api/v1/mapping' }) },
    {
      name: 'preview',
      request: (k) => ({
        path: `/api/v1/mapping/preview?period=week&asOf=${asOf(k)}`,
        init: {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ yaml: plan.mappingYaml }),
        },
      }),
    },
  ]
}
