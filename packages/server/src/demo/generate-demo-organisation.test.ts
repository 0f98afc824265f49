import { parseInstant, type WorkItemRecord } from '@openvmo/core'
import { parse } from 'yaml'
import { describe, expect, test } from 'vitest'
import { generateDemoOrganisation } from './generate-demo-organisation'
import { BUSINESS_METRICS } from './business-results'

const AS_OF_MS = Date.UTC(2025, 5, 2, 12)
const DAY_MS = 86_400_000
const org = generateDemoOrganisation({ asOfMs: AS_OF_MS })

function statusChanges(record: WorkItemRecord) {
  return record.changes.filter((change) => change.field === 'status')
}

function firstAt(record: WorkItemRecord, status: string): number {
  const change = statusChanges(record).find((c) => c.to === status)
  return change === undefined ? NaN : parseInstant(change.at)
}

function lastAt(record: WorkItemRecord, status: string): number {
  const change = [...statusChanges(record)].reverse().find((c) => c.to === status)
  return change === undefined ? NaN : parseInstant(change.at)
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

function changeDateMs(stream: string): number {
  const experiment = org.experiments.find((e) => e.stream === stream)
  return Date.parse(`${experiment?.changeDate}T00:00:00Z`)
}

/** Breaches of docs/importing.md ("NDJSON history") in one record, as readable strings. */
function historyProblems(record: WorkItemRecord): string[] {
  const id = `${record.source}:${record.key}`
  const problems: string[] = []
  const created = parseInstant(record.created)
  if (Number.isNaN(created) || created > AS_OF_MS) problems.push(`${id}: created ${record.created}`)
  let previous = created
  for (const change of record.changes) {
    const at = parseInstant(change.at)
    if (!/(Z|[+-]\d{2}:?\d{2})$/.test(change.at)) problems.push(`${id}: no offset in ${change.at}`)
    if (!(at >= previous && at <= AS_OF_MS))
      problems.push(`${id}: change at ${change.at} out of order`)
    previous = at
  }
  const statuses = statusChanges(record)
  const last = statuses[statuses.length - 1]
  if (last !== undefined && last.to !== record.status)
    problems.push(`${id}: status ${record.status}`)
  statuses.forEach((change, i) => {
    if (i > 0 && change.from !== statuses[i - 1]?.to)
      problems.push(`${id}: broken chain at ${change.at}`)
  })
  return problems
}

function namesOf(list: unknown): string[] {
  return (list as string[]).map((name) => name.toLowerCase())
}

describe('generateDemoOrganisation', () => {
  test('identical output when generated twice with the same seed', () => {
    const again = generateDemoOrganisation({ asOfMs: AS_OF_MS })
    expect(JSON.stringify(again.records)).toBe(JSON.stringify(org.records))
    expect(again.businessResults).toEqual(org.businessResults)
    expect(again.mappingYaml).toBe(org.mappingYaml)
  })

  test('different histories when the seed differs', () => {
    const other = generateDemoOrganisation({ seed: 7, asOfMs: AS_OF_MS })
    expect(JSON.stringify(other.records)).not.toBe(JSON.stringify(org.records))
  })

  test('about 25,000 items in 5 streams and 12 teams across three sources when generated with defaults', () => {
    expect(org.records.length).toBeGreaterThan(22_000)
    expect(org.records.length).toBeLessThan(28_000)
    expect(org.streams).toHaveLength(5)
    expect(org.teams).toHaveLength(12)
    expect(new Set(org.records.map((r) => r.team))).toEqual(new Set(org.teams.map((t) => t.key)))
    const sources = new Map<string, number>()
    for (const record of org.records)
      sources.set(record.source, (sources.get(record.source) ?? 0) + 1)
    expect([...sources.keys()].sort()).toEqual(['github', 'jira', 'servicenow'])
    for (const count of sources.values()) expect(count).toBeGreaterThan(1_500)
  })

  test('every record is a valid history line when generated', () => {
    const problems = org.records.flatMap(historyProblems)
    expect(problems.slice(0, 5)).toEqual([])
    const ids = new Set(org.records.map((r) => `${r.source}:${r.key}`))
    expect(ids.size).toBe(org.records.length)
  })

  test('every status and type of the records is mapped when the mapping YAML is parsed', () => {
    const config = parse(org.mappingYaml) as Record<string, Record<string, unknown>>
    expect(config['timezone']).toBe('Europe/Berlin')
    const states = new Set(Object.values(config['states'] ?? {}).flatMap(namesOf))
    const types = new Set(Object.values(config['flowItems'] ?? {}).flatMap(namesOf))
    const mapped = (names: Set<string>, source: string, name: string) =>
      names.has(name.toLowerCase()) || names.has(`${source}:${name}`.toLowerCase())
    const unmapped = new Set<string>()
    for (const record of org.records) {
      const everyStatus = [record.status, ...statusChanges(record).map((c) => String(c.from))]
      for (const status of everyStatus) {
        if (!mapped(states, record.source, status)) unmapped.add(`${record.source}:${status}`)
      }
      const typeChanges = record.changes
        .filter((c) => c.field === 'type')
        .map((c) => String(c.from))
      for (const type of [record.type, ...typeChanges]) {
        if (!mapped(types, record.source, type)) unmapped.add(`${record.source}:${type}`)
      }
    }
    expect([...unmapped]).toEqual([])
    const streams = config['valueStreams'] as unknown as {
      name: string
      match: { team: string[] }
    }[]
    expect(streams.map((s) => s.name)).toEqual([...org.streams])
    for (const key of ['products', 'teams', 'customers', 'businessResults'])
      expect(config[key]).toBeDefined()
  })

  test('links and parents point to existing items when they cross sources and teams', () => {
    const byId = new Map(org.records.map((r) => [`${r.source}:${r.key}`, r]))
    const kinds = new Set<string>()
    for (const record of org.records) {
      if (record.parent !== undefined)
        expect(byId.has(`${record.source}:${record.parent}`)).toBe(true)
      for (const link of record.links ?? []) {
        const target = byId.get(link.target)
        expect(target, link.target).toBeDefined()
        kinds.add(`${record.source}-${link.type}-${target?.source}`)
      }
    }
    expect(kinds).toEqual(
      new Set(['servicenow-delivered_by-jira', 'github-implements-jira', 'jira-blocks-jira']),
    )
    const pr = org.records.find((r) => r.links?.some((l) => l.type === 'implements'))
    expect(pr?.title).toContain(pr?.links?.[0]?.target.slice('jira:'.length))
  })

  test('blocked items wait in Blocked when another team blocks them', () => {
    const byId = new Map(org.records.map((r) => [`${r.source}:${r.key}`, r]))
    const blocks = org.records.flatMap((r) =>
      (r.links ?? []).filter((l) => l.type === 'blocks').map((l) => [r, l.target] as const),
    )
    expect(blocks.length).toBeGreaterThan(100)
    for (const [blocker, target] of blocks) {
      const blocked = byId.get(target)
      expect(blocked?.project).not.toBe(blocker.project)
      expect(statusChanges(blocked as WorkItemRecord).some((c) => c.to === 'Blocked')).toBe(true)
    }
  })

  test('Payments stories finish faster after the WIP limit when compared with the quarter before', () => {
    const change = changeDateMs('Payments')
    const stories = org.records.filter(
      (r) =>
        r.source === 'jira' &&
        ['PAY', 'CHK', 'FRD'].includes(String(r.project)) &&
        r.type === 'Story' &&
        r.status === 'Done',
    )
    const flowDays = (from: number, to: number) =>
      stories
        .filter((r) => lastAt(r, 'Done') >= from && lastAt(r, 'Done') < to)
        .map((r) => (lastAt(r, 'Done') - firstAt(r, 'In Progress')) / DAY_MS)
    const before = flowDays(change - 91 * DAY_MS, change)
    const after = flowDays(change, change + 91 * DAY_MS)
    expect(before.length).toBeGreaterThan(50)
    expect(after.length).toBeGreaterThan(50)
    expect(median(after)).toBeLessThan(median(before) * 0.8)
  })

  test('Mobile App items wait far less in Awaiting QA when QA was automated', () => {
    const change = changeDateMs('Mobile App')
    const waits = (from: number, to: number) =>
      org.records
        .filter((r) => ['MOB', 'MUX', 'MPL'].includes(String(r.project)))
        .filter(
          (r) =>
            firstAt(r, 'Awaiting QA') >= from &&
            firstAt(r, 'Awaiting QA') < to &&
            !Number.isNaN(firstAt(r, 'In QA')),
        )
        .map((r) => (firstAt(r, 'In QA') - firstAt(r, 'Awaiting QA')) / DAY_MS)
    expect(median(waits(change, change + 91 * DAY_MS))).toBeLessThan(
      median(waits(change - 91 * DAY_MS, change)) / 3,
    )
  })

  test('reopens, cancellations, work in progress and backlog appear when the as-of time cuts the histories', () => {
    const jira = org.records.filter(
      (r) => r.source === 'jira' && r.type !== 'Sub-task' && r.type !== 'Epic',
    )
    const share = (predicate: (r: WorkItemRecord) => boolean) =>
      jira.filter(predicate).length / jira.length
    const reopened = (r: WorkItemRecord) => statusChanges(r).some((c) => c.from === 'Done')
    expect(share(reopened)).toBeGreaterThan(0.03)
    expect(share(reopened)).toBeLessThan(0.08)
    expect(share((r) => r.status === "Won't Do")).toBeGreaterThan(0.05)
    expect(share((r) => r.status === "Won't Do")).toBeLessThan(0.1)
    expect(jira.filter((r) => r.status === 'Backlog').length).toBeGreaterThan(100)
    expect(
      jira.filter((r) => !['Backlog', 'Done', "Won't Do"].includes(r.status)).length,
    ).toBeGreaterThan(100)
  })

  test('business results cover every stream and metric over two years when generated', () => {
    for (const stream of org.streams) {
      for (const metric of BUSINESS_METRICS) {
        const series = org.businessResults.filter((p) => p.stream === stream && p.metric === metric)
        expect(series.length, `${stream} ${metric}`).toBeGreaterThanOrEqual(23)
        for (const point of series) expect(point.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      }
    }
  })
})
