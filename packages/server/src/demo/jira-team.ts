import { MS_PER_DAY } from '@openvmo/core'
import { arrivalFactor, toWorkingTime, workingMomentOf } from './calendar'
import {
  JIRA_STATUS as S,
  cancel,
  finishWork,
  later,
  runDevelopment,
  type JiraTeamContext,
} from './jira-workflow'
import { debtShareAt, regimeAt } from './process-changes'
import { createSimItem, moveTo, setField, type SimItem } from './sim-item'
import { listStreamLabels, makeSubtaskTitle, makeTitle } from './vocabulary'
import { DEMO_TEAMS } from './organisation'

/** The simulated window of one team: items created in `[startMs, asOfMs]`. */
export interface JiraTeamWindow {
  startMs: number
  asOfMs: number
}

/** One team's simulated Jira items (epics, work items and sub-tasks), unkeyed. */
export interface JiraTeamResult {
  epics: SimItem[]
  workItems: SimItem[]
  subtasks: SimItem[]
}

const PRIORITIES = ['Highest', 'High', 'Medium', 'Low'] as const
const PRIORITY_WEIGHTS = [3, 17, 60, 20]
const POINTS = [1, 2, 3, 5, 8, 13] as const
const POINT_WEIGHTS = [10, 22, 30, 24, 10, 4]
const COMMIT_MEDIAN_DAYS: Readonly<Record<string, number>> = { Highest: 0.3, High: 3 }
const EPIC_EVERY_DAYS = 15

function newJiraItem(ctx: JiraTeamContext, type: string, createdMs: number): SimItem {
  const { team, random } = ctx
  return createSimItem({
    source: 'jira',
    stream: team.stream,
    project: team.project,
    initialTeam: team.key,
    initialType: type,
    initialStatus: S.backlog,
    title: makeTitle(team.stream, type, random),
    createdMs,
    labels: random.chance(0.7) ? [random.pick(listStreamLabels(team.stream))] : [],
  })
}

function createEpics(ctx: JiraTeamContext, window: JiraTeamWindow): SimItem[] {
  const epics: SimItem[] = []
  for (let day = window.startMs - 60 * MS_PER_DAY; day <= window.asOfMs; day += MS_PER_DAY) {
    if (arrivalFactor(day) < 0.5 || !ctx.random.chance(1 / EPIC_EVERY_DAYS)) continue
    const epic = newJiraItem(ctx, 'Epic', workingMomentOf(day, ctx.random))
    epic.dueMs = epic.createdMs + ctx.random.logNormal(50, 0.5) * MS_PER_DAY
    epic.fields = { priority: 'Medium', dueDate: new Date(epic.dueMs).toISOString().slice(0, 10) }
    epics.push(epic)
  }
  return epics
}

function pickType(ctx: JiraTeamContext, atMs: number, startMs: number): string {
  const debt = debtShareAt(ctx.team.stream, atMs, startMs)
  const weights = [0.87 - debt, debt * 0.6, 0.08, debt * 0.4, 0.03, 0.02]
  return ['Story', 'Bug', 'Task', 'Tech Debt', 'Vulnerability', 'Spike'][
    ctx.random.weightedIndex(weights)
  ] as string
}

function findEpic(
  epics: readonly SimItem[],
  atMs: number,
  ctx: JiraTeamContext,
): SimItem | undefined {
  const open = epics.filter((epic) => epic.createdMs <= atMs && atMs < epic.dueMs)
  return open.length > 0 ? ctx.random.pick(open) : undefined
}

function createWorkItem(ctx: JiraTeamContext, atMs: number, window: JiraTeamWindow): SimItem {
  const { random } = ctx
  const item = newJiraItem(ctx, pickType(ctx, atMs, window.startMs), atMs)
  const priority = PRIORITIES[random.weightedIndex(PRIORITY_WEIGHTS)] as string
  item.fields = { priority }
  if (item.initialType !== 'Bug') {
    item.fields['storyPoints'] = POINTS[random.weightedIndex(POINT_WEIGHTS)]
  }
  return item
}

function createArrivals(ctx: JiraTeamContext, window: JiraTeamWindow, epics: SimItem[]): SimItem[] {
  const items: SimItem[] = []
  const perDay = ctx.team.arrivalsPerWeek / 5
  for (let day = window.startMs; day <= window.asOfMs; day += MS_PER_DAY) {
    const count = ctx.random.poisson(perDay * arrivalFactor(day))
    for (let i = 0; i < count; i++) {
      const createdMs = workingMomentOf(day, ctx.random)
      if (createdMs > window.asOfMs) continue
      const item = createWorkItem(ctx, createdMs, window)
      const withEpic = item.initialType === 'Story' ? 0.85 : 0.25
      if (ctx.random.chance(withEpic)) item.parent = findEpic(epics, createdMs, ctx)
      items.push(item)
    }
  }
  return items
}

/** Triage: reclassify a few items, move a few to a sister team, then commit to Ready. */
function commit(ctx: JiraTeamContext, item: SimItem): void {
  const { random } = ctx
  const median = COMMIT_MEDIAN_DAYS[String(item.fields['priority'])] ?? 9
  const readyMs = later(ctx, item, [median, 1.1])
  if ((item.initialType === 'Bug' || item.initialType === 'Story') && random.chance(0.05)) {
    const to = item.initialType === 'Bug' ? 'Story' : 'Bug'
    setField(item, { field: 'type', from: item.initialType, to }, (item.createdMs + readyMs) / 2)
  }
  const sisters = DEMO_TEAMS.filter((t) => t.stream === ctx.team.stream && t.key !== ctx.team.key)
  if (sisters.length > 0 && random.chance(0.02)) {
    const to = random.pick(sisters).key
    setField(item, { field: 'team', from: ctx.team.key, to }, readyMs - 3_600_000)
  }
  moveTo(item, S.ready, readyMs)
}

/** Decides what happens before development: cancelled, left in the backlog, or committed. */
function triage(ctx: JiraTeamContext, items: readonly SimItem[]): SimItem[] {
  const committed: SimItem[] = []
  for (const item of items) {
    const fate = ctx.random.next()
    if (fate < 0.045) cancel(item, later(ctx, item, [25, 1]))
    else if (fate >= 0.095) {
      commit(ctx, item)
      committed.push(item)
    }
  }
  return committed.sort((a, b) => a.lastMs - b.lastMs)
}

function freeSlot(slots: Float64Array, count: number): number {
  let best = 0
  for (let i = 1; i < count; i++) if ((slots[i] as number) < (slots[best] as number)) best = i
  return best
}

/**
 * Under a WIP limit work is pulled: an item committed while every slot is taken stays in the
 * backlog and moves to Ready for Development half a day before a slot frees, instead of queueing.
 */
function pullWhenFree(item: SimItem, slotFreeMs: number): void {
  const last = item.changes[item.changes.length - 1]
  const pullMs = slotFreeMs - 0.5 * MS_PER_DAY
  if (last?.field !== 'status' || last.to !== S.ready || pullMs <= last.atMs) return
  last.atMs = pullMs
  item.lastMs = pullMs
}

/** Items wait in Ready for Development until one of the team's slots (its WIP) frees up. */
function develop(ctx: JiraTeamContext, committed: readonly SimItem[], subtasks: SimItem[]): void {
  const slots = new Float64Array(ctx.team.members * 3).fill(-Infinity)
  for (const item of committed) {
    if (ctx.random.chance(0.012)) {
      cancel(item, later(ctx, item, 5))
      continue
    }
    const regime = regimeAt(ctx.changes, ctx.team, item.lastMs)
    const slot = freeSlot(slots, regime.slots)
    if (regime.pull) pullWhenFree(item, slots[slot] as number)
    const readyMs = item.lastMs
    const pickup = readyMs + ctx.random.logNormal(0.3, 0.8) * MS_PER_DAY
    const startMs = toWorkingTime(Math.max(pickup, slots[slot] as number), ctx.random)
    const leaveMs = runDevelopment(ctx, item, startMs)
    slots[slot] = leaveMs
    const canceled = ctx.random.chance(0.015)
    if (canceled) cancel(item, leaveMs)
    else finishWork(ctx, item, leaveMs)
    if (item.initialType === 'Story') addSubtasks(ctx, item, subtasks)
  }
}

function addSubtasks(ctx: JiraTeamContext, story: SimItem, subtasks: SimItem[]): void {
  if (!ctx.random.chance(0.3)) return
  const { startedMs, reviewQueueMs, canceledMs } = story.milestones
  const endMs = reviewQueueMs[0] ?? canceledMs
  for (let i = ctx.random.int(1, 3); i > 0; i--) {
    const subtask = newJiraItem(ctx, 'Sub-task', startedMs + ctx.random.next() * 3_600_000)
    subtask.title = makeSubtaskTitle(story.title, ctx.random)
    subtask.parent = story
    moveTo(subtask, S.inProgress, later(ctx, subtask, 0.5))
    if (Number.isNaN(canceledMs)) moveTo(subtask, S.done, Math.min(endMs, later(ctx, subtask, 1.5)))
    else cancel(subtask, canceledMs)
    subtasks.push(subtask)
  }
}

function endOf(item: SimItem): number {
  const { doneMs, canceledMs } = item.milestones
  return Number.isNaN(doneMs) ? canceledMs : doneMs
}

/** An epic starts with its first child and is done after its last started child ends. */
function progressEpic(ctx: JiraTeamContext, epic: SimItem, children: readonly SimItem[]): void {
  const started = children.filter((child) => !Number.isNaN(child.milestones.startedMs))
  if (started.length === 0) {
    if (ctx.random.chance(0.5)) cancel(epic, epic.dueMs + 10 * MS_PER_DAY)
    return
  }
  const firstStart = Math.min(...started.map((child) => child.milestones.startedMs))
  epic.milestones.startedMs = moveTo(epic, S.inProgress, firstStart)
  const ends = started.map(endOf)
  if (ends.some((end) => Number.isNaN(end))) return
  const lastEnd = Math.max(...ends) + ctx.random.logNormal(2, 0.8) * MS_PER_DAY
  epic.milestones.doneMs = moveTo(epic, S.done, toWorkingTime(lastEnd, ctx.random))
}

/**
 * Simulates one team's Jira project: epics every few weeks, work arriving with weekly and holiday
 * seasonality, triage (cancel, leave in backlog, commit), a limited number of items in progress
 * at once (so queues form in Ready for Development), review, QA, release trains and reopens.
 */
export function simulateJiraTeam(ctx: JiraTeamContext, window: JiraTeamWindow): JiraTeamResult {
  const epics = createEpics(ctx, window)
  const workItems = createArrivals(ctx, window, epics)
  const subtasks: SimItem[] = []
  develop(ctx, triage(ctx, workItems), subtasks)
  for (const epic of epics) {
    progressEpic(
      ctx,
      epic,
      workItems.filter((item) => item.parent === epic),
    )
  }
  return { epics, workItems, subtasks }
}
