import { MS_PER_DAY } from '@openvmo/core'
import { HOUR_MS, arrivalFactor, toWorkingTime, workingMomentOf } from './calendar'
import type { JiraSimulation } from './jira-source'
import type { JiraTeamWindow } from './jira-team'
import { DEMO_CUSTOMERS, DEMO_STREAMS, listStreamTeams, type DemoStream } from './organisation'
import { INCIDENT_LAG_DAYS, debtShareAt } from './process-changes'
import type { SeededRandom } from './seeded-random'
import { createSimItem, moveTo, type SimItem } from './sim-item'
import { makeTitle } from './vocabulary'

/** ServiceNow states of requests and incidents in the demo. */
export const SERVICENOW_STATUS = {
  new: 'New',
  triage: 'Triage',
  assigned: 'Assigned',
  awaitingDelivery: 'Awaiting Delivery',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
} as const

/** ServiceNow record types of the demo. */
export const SERVICENOW_TYPES = ['Request', 'Incident'] as const

const S = SERVICENOW_STATUS
const PRIORITIES = ['1 - Critical', '2 - High', '3 - Moderate', '4 - Low']
const AUTO_CLOSE_DAYS = 5

interface IntakeContext {
  random: SeededRandom
  window: JiraTeamWindow
}

/** A ServiceNow record to create: its stream, table type and creation instant. */
interface NewRecord {
  stream: DemoStream
  type: string
  createdMs: number
}

function newRecord(ctx: IntakeContext, { stream, type, createdMs }: NewRecord): SimItem {
  const team = ctx.random.pick(listStreamTeams(stream))
  const customers = DEMO_CUSTOMERS.filter((customer) => customer.streams.includes(stream))
  const item = createSimItem({
    source: 'servicenow',
    stream,
    project: type === 'Incident' ? 'incident' : 'sc_request',
    initialTeam: team.key,
    initialType: type,
    initialStatus: S.new,
    title: '',
    createdMs,
  })
  const customer = ctx.random.pick(customers)
  item.fields = {
    priority: PRIORITIES[ctx.random.weightedIndex([4, 16, 55, 25])],
    customer: customer.name,
    segment: customer.segment,
    assignment_group: team.key,
  }
  return item
}

function after(ctx: IntakeContext, item: SimItem, medianDays: number): number {
  const ms = item.lastMs + ctx.random.logNormal(medianDays, 0.9) * MS_PER_DAY
  return toWorkingTime(ms, ctx.random)
}

/** Resolved when the delivery is done (auto-closed days later), cancelled when it is dropped. */
function awaitDelivery(ctx: IntakeContext, item: SimItem, delivery: SimItem): void {
  const since = moveTo(item, S.awaitingDelivery, Math.max(delivery.createdMs, item.lastMs))
  item.links.push({ type: 'delivered_by', target: delivery, sinceMs: since })
  const { doneMs, canceledMs } = delivery.milestones
  if (!Number.isNaN(doneMs)) {
    moveTo(
      item,
      S.resolved,
      toWorkingTime(doneMs + ctx.random.logNormal(1, 0.8) * MS_PER_DAY, ctx.random),
    )
    moveTo(item, S.closed, item.lastMs + AUTO_CLOSE_DAYS * MS_PER_DAY)
  } else if (!Number.isNaN(canceledMs)) moveTo(item, S.cancelled, canceledMs + HOUR_MS)
}

function resolveDirectly(ctx: IntakeContext, item: SimItem, medianDays: number): void {
  moveTo(item, S.resolved, after(ctx, item, medianDays))
  moveTo(item, S.closed, item.lastMs + AUTO_CLOSE_DAYS * MS_PER_DAY)
}

/** A customer request that became a Jira epic. */
function requestForEpic(ctx: IntakeContext, epic: SimItem): SimItem {
  const created = toWorkingTime(
    epic.createdMs - ctx.random.logNormal(12, 0.6) * MS_PER_DAY,
    ctx.random,
  )
  const createdMs = Math.min(created, epic.createdMs - HOUR_MS)
  const request = newRecord(ctx, { stream: epic.stream, type: 'Request', createdMs })
  request.title = `${String(request.fields['customer'])}: ${epic.title}`
  request.fields['category'] = 'Feature request'
  moveTo(request, S.triage, after(ctx, request, 0.4))
  moveTo(request, S.assigned, after(ctx, request, 1.5))
  awaitDelivery(ctx, request, epic)
  return request
}

/** A request the service desk handles itself (access, reports, data fixes). */
function standaloneRequest(ctx: IntakeContext, stream: DemoStream, createdMs: number): SimItem {
  const request = newRecord(ctx, { stream, type: 'Request', createdMs })
  const customer = DEMO_CUSTOMERS.find((c) => c.name === request.fields['customer'])
  request.title = `${customer?.name}: ${ctx.random.pick(customer?.painPoints ?? ['support request'])}`
  request.fields['category'] = 'Service request'
  moveTo(request, S.triage, after(ctx, request, 0.3))
  if (ctx.random.chance(0.08)) moveTo(request, S.cancelled, after(ctx, request, 2))
  else {
    moveTo(request, S.assigned, after(ctx, request, 0.8))
    resolveDirectly(ctx, request, 3)
  }
  return request
}

function findBug(bugs: readonly SimItem[], fromMs: number, toMs: number): SimItem | undefined {
  return bugs.find((bug) => bug.createdMs >= fromMs && bug.createdMs < toMs)
}

/** An incident; about a third lead to a Jira bug that delivers the fix. */
/** A stream's intake and the Jira bugs its incidents may lead to, by creation. */
interface StreamIntake {
  stream: DemoStream
  bugs: readonly SimItem[]
}

function incident(ctx: IntakeContext, { stream, bugs }: StreamIntake, createdMs: number): SimItem {
  const item = newRecord(ctx, { stream, type: 'Incident', createdMs })
  item.title = makeTitle(stream, 'Bug', ctx.random)
  item.fields['category'] = 'Software'
  moveTo(item, S.triage, createdMs + ctx.random.logNormal(0.5, 1) * HOUR_MS)
  if (ctx.random.chance(0.06)) {
    moveTo(item, S.cancelled, item.lastMs + ctx.random.logNormal(2, 1) * HOUR_MS)
    return item
  }
  moveTo(item, S.assigned, item.lastMs + ctx.random.logNormal(2, 1) * HOUR_MS)
  const bug = ctx.random.chance(0.35)
    ? findBug(bugs, createdMs, createdMs + 4 * MS_PER_DAY)
    : undefined
  if (bug !== undefined) awaitDelivery(ctx, item, bug)
  else resolveDirectly(ctx, item, 0.8)
  return item
}

/** Incidents per day of a stream: more a quarter after the stream cut its bug and debt work. */
export function incidentRate(stream: DemoStream, dayMs: number, startMs: number): number {
  const debt = debtShareAt(stream, dayMs - INCIDENT_LAG_DAYS * MS_PER_DAY, startMs)
  const weekend = arrivalFactor(dayMs) < 0.2 ? 0.6 : 1
  return 0.4 * weekend * (1 + 5 * Math.max(0, 0.3 - debt))
}

function streamIntake(ctx: IntakeContext, stream: DemoStream, bugs: readonly SimItem[]): SimItem[] {
  const items: SimItem[] = []
  const { startMs, asOfMs } = ctx.window
  for (let day = startMs; day <= asOfMs; day += MS_PER_DAY) {
    const incidents = ctx.random.poisson(incidentRate(stream, day, startMs))
    for (let i = 0; i < incidents; i++) {
      items.push(incident(ctx, { stream, bugs }, day + ctx.random.next() * MS_PER_DAY))
    }
    const requests = ctx.random.poisson(0.3 * arrivalFactor(day))
    for (let i = 0; i < requests; i++) {
      items.push(standaloneRequest(ctx, stream, workingMomentOf(day, ctx.random)))
    }
  }
  return items
}

function number(items: SimItem[], random: SeededRandom): void {
  const next: Record<string, number> = { Request: 10_234, Incident: 31_877 }
  items.sort((a, b) => a.createdMs - b.createdMs)
  for (const item of items) {
    const incident = item.initialType === 'Incident'
    const n = (next[item.initialType] = (next[item.initialType] ?? 0) + 1)
    item.key = `${incident ? 'INC' : 'REQ'}${String(n).padStart(7, '0')}`
    item.url = `https://acme.service-now.com/${incident ? 'incident' : 'sc_request'}.do?sysparm_query=number=${item.key}`
    item.id = Array.from({ length: 4 }, () =>
      (random.next() * 0x100000000).toString(16).padStart(8, '0'),
    ).join('')
  }
}

/**
 * Simulates ServiceNow intake: customer requests that became Jira epics (linked `delivered_by`),
 * requests the service desk resolves itself, and incidents (some fixed through a Jira bug).
 */
export function simulateServiceNow(
  random: SeededRandom,
  jira: JiraSimulation,
  window: JiraTeamWindow,
): SimItem[] {
  const ctx: IntakeContext = { random: random.fork(200), window }
  const items: SimItem[] = []
  for (const epic of jira.items.filter((item) => item.initialType === 'Epic')) {
    if (ctx.random.chance(0.7)) items.push(requestForEpic(ctx, epic))
  }
  for (const stream of DEMO_STREAMS) {
    const bugs = jira.items.filter((item) => item.stream === stream && item.initialType === 'Bug')
    items.push(...streamIntake(ctx, stream, bugs))
  }
  const existing = items.filter((item) => item.createdMs <= window.asOfMs)
  number(existing, ctx.random)
  return existing
}
