import { MS_PER_DAY } from '@openvmo/core'
import { HOUR_MS, nextReleaseTime, paceFactor, toWorkingTime } from './calendar'
import type { DemoTeam } from './organisation'
import { regimeAt, type ProcessChanges } from './process-changes'
import type { SeededRandom } from './seeded-random'
import { moveTo, setField, type SimItem } from './sim-item'

/** The Jira workflow of every demo team, as the tool names its statuses. */
export const JIRA_STATUS = {
  backlog: 'Backlog',
  ready: 'Ready for Development',
  inProgress: 'In Progress',
  reviewQueue: 'Code Review Queue',
  inReview: 'In Review',
  awaitingQa: 'Awaiting QA',
  inQa: 'In QA',
  waitingRelease: 'Waiting for Release',
  blocked: 'Blocked',
  done: 'Done',
  wontDo: "Won't Do",
} as const

/** Jira issue types of the demo. */
export const JIRA_TYPES = [
  'Epic',
  'Story',
  'Bug',
  'Task',
  'Sub-task',
  'Tech Debt',
  'Vulnerability',
  'Spike',
] as const

/** What moving one team's items through the workflow needs. */
export interface JiraTeamContext {
  team: DemoTeam
  random: SeededRandom
  changes: ProcessChanges
  /** Assignee names of the team. */
  members: readonly string[]
  /** A provider team's item that will be done between the two instants, if any. */
  findBlocker(teamKey: string, fromMs: number, toMs: number): SimItem | undefined
}

const S = JIRA_STATUS
const SIZE_FACTOR: Readonly<Record<number, number>> = {
  1: 0.5,
  2: 0.7,
  3: 1,
  5: 1.4,
  8: 2,
  13: 2.8,
}

/** A log-normal duration in days: its median, or its median and shape (default shape 0.8). */
export type DaysSpread = number | readonly [medianDays: number, sigma: number]

/** A working-time instant a log-normal number of days after the item's last change. */
export function later(ctx: JiraTeamContext, item: SimItem, spread: DaysSpread): number {
  const [median, sigma] = typeof spread === 'number' ? [spread, 0.8] : spread
  const days = ctx.random.logNormal(median, sigma) * paceFactor(item.lastMs)
  return toWorkingTime(item.lastMs + days * MS_PER_DAY, ctx.random)
}

/** Ends the item in Won't Do at `atMs`. */
export function cancel(item: SimItem, atMs: number): void {
  item.milestones.canceledMs = moveTo(item, S.wontDo, atMs)
}

function sizeFactor(item: SimItem): number {
  const points = item.fields['storyPoints']
  return typeof points === 'number' ? (SIZE_FACTOR[points] ?? 1) : 1
}

/** A dependency on another team: the item waits in Blocked until the provider's item is done. */
function blockOnProvider(ctx: JiraTeamContext, item: SimItem, blockMs: number): number {
  const provider = ctx.random.pick(ctx.team.dependsOn)
  const blocker = ctx.findBlocker(provider, blockMs + MS_PER_DAY, blockMs + 15 * MS_PER_DAY)
  if (blocker === undefined) return NaN
  const start = moveTo(item, S.blocked, blockMs)
  blocker.links.push({ type: 'blocks', target: item, sinceMs: start })
  const resume = blocker.milestones.doneMs + ctx.random.logNormal(0.5, 0.8) * MS_PER_DAY
  return moveTo(item, S.inProgress, toWorkingTime(resume, ctx.random))
}

function blockRandomly(ctx: JiraTeamContext, item: SimItem, blockMs: number): number {
  moveTo(item, S.blocked, blockMs)
  return moveTo(item, S.inProgress, later(ctx, item, [2.5, 0.9]))
}

function maybeBlock(ctx: JiraTeamContext, item: SimItem, blockMs: number): void {
  const { random, team } = ctx
  const dependent = team.dependsOn.length > 0 && item.initialType !== 'Bug'
  if (dependent && random.chance(0.1) && !Number.isNaN(blockOnProvider(ctx, item, blockMs))) return
  if (random.chance(0.06)) blockRandomly(ctx, item, blockMs)
}

/**
 * In Progress from `startMs` (the team had a free slot), possibly Blocked in between; returns the
 * instant the item leaves In Progress, when its slot frees up.
 */
export function runDevelopment(ctx: JiraTeamContext, item: SimItem, startMs: number): number {
  const regime = regimeAt(ctx.changes, ctx.team, startMs)
  item.milestones.startedMs = moveTo(item, S.inProgress, startMs)
  item.assignee = ctx.random.pick(ctx.members)
  setField(item, { field: 'assignee', from: null, to: item.assignee }, item.lastMs + 60_000)
  const workDays = ctx.random.logNormal(2 * regime.activeScale * sizeFactor(item), 0.7)
  const workMs = workDays * MS_PER_DAY * paceFactor(startMs)
  const split = ctx.random.next()
  const blockMs = toWorkingTime(item.lastMs + workMs * split, ctx.random)
  maybeBlock(ctx, item, blockMs)
  return toWorkingTime(Math.max(blockMs, item.lastMs) + workMs * (1 - split), ctx.random)
}

/** Code Review Queue → In Review from `queueMs`, with rework rounds; returns the review's end. */
export function runReview(ctx: JiraTeamContext, item: SimItem, queueMs: number): number {
  const regime = regimeAt(ctx.changes, ctx.team, queueMs)
  let queueAt = queueMs
  for (let round = 0; ; round++) {
    item.milestones.reviewQueueMs.push(moveTo(item, S.reviewQueue, queueAt))
    moveTo(item, S.inReview, later(ctx, item, [regime.reviewQueueMedianDays, 0.9]))
    const end = later(ctx, item, [0.2, 0.8])
    if (round >= 2 || !ctx.random.chance(0.12)) {
      item.milestones.reviewEndMs = end
      return end
    }
    item.milestones.reworkMs.push(moveTo(item, S.inProgress, end))
    queueAt = later(ctx, item, [1, 0.8])
  }
}

/** Awaiting QA → In QA (a failed check goes back through review) → Waiting for Release → Done. */
export function runDelivery(ctx: JiraTeamContext, item: SimItem, reviewEndMs: number): void {
  const regime = regimeAt(ctx.changes, ctx.team, reviewEndMs)
  moveTo(item, S.awaitingQa, reviewEndMs)
  moveTo(item, S.inQa, later(ctx, item, [regime.awaitingQaMedianDays, 0.8]))
  const tester = ctx.random.pick(ctx.members.filter((member) => member !== item.assignee))
  setField(item, { field: 'assignee', from: item.assignee ?? null, to: tester }, item.lastMs)
  item.assignee = tester
  if (ctx.random.chance(0.06)) {
    moveTo(item, S.inProgress, later(ctx, item, regime.inQaMedianDays))
    runDelivery(ctx, item, runReview(ctx, item, later(ctx, item, 1)))
    return
  }
  moveTo(item, S.waitingRelease, later(ctx, item, regime.inQaMedianDays))
  const release = nextReleaseTime(item.lastMs, ctx.team.releaseWeekdays)
  const done = moveTo(item, S.done, release + ctx.random.next() * 2 * HOUR_MS)
  if (Number.isNaN(item.milestones.doneMs)) item.milestones.doneMs = done
}

/** About 5% of done items come back: a defect found after release is fixed on the same item. */
export function maybeReopen(ctx: JiraTeamContext, item: SimItem): void {
  if (!ctx.random.chance(0.05)) return
  moveTo(item, S.inProgress, later(ctx, item, [10, 1]))
  runDelivery(ctx, item, runReview(ctx, item, later(ctx, item, 1.5)))
}

/** Finishes a started item by its type's path: spikes end after work, tasks after review. */
export function finishWork(ctx: JiraTeamContext, item: SimItem, leaveMs: number): void {
  if (item.initialType === 'Spike') {
    item.milestones.doneMs = moveTo(item, S.done, leaveMs)
    return
  }
  const reviewEnd = runReview(ctx, item, leaveMs)
  if (item.initialType === 'Task') {
    item.milestones.doneMs = moveTo(item, S.done, reviewEnd)
    return
  }
  runDelivery(ctx, item, reviewEnd)
  maybeReopen(ctx, item)
}
