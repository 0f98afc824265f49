import { MS_PER_DAY } from '@openvmo/core'
import { dayStart, weekdayOf } from './calendar'
import { JIRA_STATUS } from './jira-workflow'
import { DEMO_STREAMS, listStreamTeams, type DemoStream } from './organisation'
import type { SeededRandom } from './seeded-random'
import type { SimItem } from './sim-item'

/** The business metrics the demo reports per stream. */
export const BUSINESS_METRICS = [
  'revenue',
  'cost',
  'incidents',
  'employee_happiness',
  'customer_satisfaction',
] as const

/** One of {@link BUSINESS_METRICS}. */
export type BusinessMetric = (typeof BUSINESS_METRICS)[number]

/** One value of a business-results series (incidents weekly, the others monthly). */
export interface BusinessResultPoint {
  stream: DemoStream
  metric: BusinessMetric
  /** First day of the week (Monday) or month the value covers, YYYY-MM-DD. */
  date: string
  value: number
  unit: string
}

/** What the series are derived from. */
export interface BusinessResultsInput {
  startMs: number
  asOfMs: number
  jira: readonly SimItem[]
  incidents: readonly SimItem[]
  random: SeededRandom
}

const MONTHLY_REVENUE_EUR: Record<DemoStream, number> = {
  Payments: 4_200_000,
  'Mobile App': 1_600_000,
  'Customer Portal': 2_100_000,
  'Data Platform': 300_000,
  Identity: 650_000,
}
const CLOUD_COST_EUR: Record<DemoStream, number> = {
  Payments: 95_000,
  'Mobile App': 30_000,
  'Customer Portal': 45_000,
  'Data Platform': 140_000,
  Identity: 40_000,
}
const COST_PER_MEMBER_EUR = 9_800
const STARTS = new Set<string>([JIRA_STATUS.backlog])
const ENDS = new Set<string>([JIRA_STATUS.done, JIRA_STATUS.wontDo])

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
const round = (value: number, digits: number): number => Number(value.toFixed(digits))

function monthStarts(startMs: number, asOfMs: number): number[] {
  const months: number[] = []
  const first = new Date(startMs)
  for (let m = first.getUTCMonth() + 1; ; m++) {
    const ms = Date.UTC(first.getUTCFullYear(), m, 1)
    if (ms > asOfMs) return months
    months.push(ms)
  }
}

/** Work in progress (started, not ended) of `items` at `atMs`: the flow load. */
function loadAt(items: readonly SimItem[], atMs: number): number {
  let load = 0
  for (const item of items) {
    const start = item.changes.find((c) => c.field === 'status' && !STARTS.has(String(c.to)))
    if (start === undefined || start.atMs > atMs) continue
    const last = item.changes.filter((c) => c.field === 'status' && c.atMs <= atMs).pop()
    if (last !== undefined && !ENDS.has(String(last.to))) load++
  }
  return load
}

function weeklyIncidents(input: BusinessResultsInput, stream: DemoStream): BusinessResultPoint[] {
  const points: BusinessResultPoint[] = []
  let monday = dayStart(input.startMs)
  while (weekdayOf(monday) !== 1) monday += MS_PER_DAY
  const mine = input.incidents.filter((item) => item.stream === stream)
  for (; monday + 7 * MS_PER_DAY <= input.asOfMs; monday += 7 * MS_PER_DAY) {
    const end = monday + 7 * MS_PER_DAY
    const value = mine.filter((item) => item.createdMs >= monday && item.createdMs < end).length
    points.push({ stream, metric: 'incidents', date: isoDate(monday), value, unit: 'count' })
  }
  return points
}

function seasonality(stream: DemoStream, month: number): number {
  if (stream !== 'Payments' && stream !== 'Mobile App') return month === 7 ? 0.97 : 1
  return [0.9, 0.95, 1, 1, 1, 0.98, 0.92, 0.92, 1, 1.03, 1.15, 1.3][month] as number
}

/** What a stream's monthly values are derived from. */
interface StreamBasis {
  stream: DemoStream
  members: number
  /** Jira work items (no epics or sub-tasks). */
  work: readonly SimItem[]
  incidents: readonly SimItem[]
}

type MonthlyMetric = Exclude<BusinessMetric, 'incidents'>

const MONTHLY_UNITS: Record<MonthlyMetric, string> = {
  revenue: 'EUR',
  cost: 'EUR',
  employee_happiness: 'score 1-5',
  customer_satisfaction: 'percent',
}

function streamBasis(input: BusinessResultsInput, stream: DemoStream): StreamBasis {
  const members = listStreamTeams(stream).reduce((sum, team) => sum + team.members, 0)
  const work = input.jira.filter(
    (item) =>
      item.stream === stream && item.initialType !== 'Epic' && item.initialType !== 'Sub-task',
  )
  const incidents = input.incidents.filter((item) => item.stream === stream)
  return { stream, members, work, incidents }
}

const clamp = (value: number, min: number, max: number): number =>
  Math.min(max, Math.max(min, value))

/** The four monthly values of month number `index` (0 = the first whole month) starting at `monthMs`. */
function monthValues(
  basis: StreamBasis,
  month: { ms: number; index: number },
  random: SeededRandom,
): Record<MonthlyMetric, number> {
  const { stream, members } = basis
  const trend = Math.pow(1.012, month.index) * seasonality(stream, new Date(month.ms).getUTCMonth())
  const cloud = CLOUD_COST_EUR[stream] * Math.pow(1.01, month.index)
  const wipPerMember = loadAt(basis.work, month.ms) / members
  const lastMonth = basis.incidents.filter(
    (item) => item.createdMs >= month.ms - 30 * MS_PER_DAY && item.createdMs < month.ms,
  ).length
  return {
    revenue: Math.round(MONTHLY_REVENUE_EUR[stream] * trend * (1 + 0.02 * random.normal())),
    cost: Math.round((members * COST_PER_MEMBER_EUR + cloud) * (1 + 0.01 * random.normal())),
    employee_happiness: round(clamp(4.5 - 0.45 * wipPerMember + 0.06 * random.normal(), 1, 5), 2),
    customer_satisfaction: round(clamp(92 - 0.9 * lastMonth + 0.8 * random.normal(), 40, 100), 1),
  }
}

function monthly(input: BusinessResultsInput, stream: DemoStream): BusinessResultPoint[] {
  const basis = streamBasis(input, stream)
  return monthStarts(input.startMs, input.asOfMs).flatMap((ms, index) => {
    const values = monthValues(basis, { ms, index }, input.random)
    const date = isoDate(ms)
    return (Object.keys(MONTHLY_UNITS) as MonthlyMetric[]).map((metric) => ({
      stream,
      metric,
      date,
      value: values[metric],
      unit: MONTHLY_UNITS[metric],
    }))
  })
}

/**
 * Business results per stream over the history: weekly incidents counted from the ServiceNow
 * incidents (which rise a quarter after a stream cuts bug and debt work), and monthly revenue
 * (growth and seasonality), cost (people and cloud), employee happiness (falls as work in
 * progress per person rises: the WIP-limited stream improves) and customer satisfaction (falls
 * with the last month's incidents).
 */
export function computeBusinessResults(input: BusinessResultsInput): BusinessResultPoint[] {
  return DEMO_STREAMS.flatMap((stream) => [
    ...weeklyIncidents(input, stream),
    ...monthly(input, stream),
  ])
}
