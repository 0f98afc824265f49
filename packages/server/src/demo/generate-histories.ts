import type { WorkItemChange, WorkItemRecord } from '@openvmo/core'
import { MS_PER_DAY } from '@openvmo/core'
import {
  BENCH_ASSIGNEES,
  BENCH_LABELS,
  BENCH_PRIORITIES,
  BENCH_PROJECTS,
  BENCH_STATUS as S,
  BENCH_STORY_POINTS,
  BENCH_TEAMS,
  BENCH_TITLES,
  BENCH_TYPE_WEIGHTS,
  BENCH_TYPES,
} from './bench-tables'
import { IsoFormatter } from './iso-formatter'
import { SeededRandom } from './seeded-random'

/** Options of {@link generateHistories}. */
export interface GenerateHistoriesOptions {
  /** Number of work items to generate (exactly). */
  items: number
  seed: number
  /** Epoch ms of the first creation; items are created evenly over `years` from here. */
  startMs: number
  /** Length of the generated history; changes after `startMs + years` are cut off. Default 2. */
  years?: number
}

const YEAR_MS = 365 * MS_PER_DAY
const HOUR_MS = 3_600_000

/**
 * Writes one item's history. One instance serves the whole run (no per-item closures); `begin`
 * resets it for the next item. A change that would fall after the end of the history is dropped
 * together with everything after it, which leaves items in progress and in the backlog.
 */
class HistoryCursor {
  changes: WorkItemChange[] = []
  status: string = S.backlog
  atMs = 0
  open = true

  readonly iso = new IsoFormatter()

  constructor(
    private readonly random: SeededRandom,
    private readonly endMs: number,
  ) {}

  begin(createdMs: number): void {
    this.changes = []
    this.status = S.backlog
    this.atMs = createdMs
    this.open = true
  }

  /** Advances by a log-normal number of days, skipping weekends; false once past the end. */
  advance(medianDays: number, sigma: number): boolean {
    if (!this.open) return false
    let at = this.atMs + Math.max(60_000, this.random.logNormal(medianDays, sigma) * MS_PER_DAY)
    const weekday = (Math.floor(at / MS_PER_DAY) + 4) % 7
    if (weekday === 6) at += 2 * MS_PER_DAY
    else if (weekday === 0) at += MS_PER_DAY
    if (at > this.endMs) this.open = false
    else this.atMs = at
    return this.open
  }

  move(to: string, medianDays: number, sigma = 0.9): boolean {
    if (!this.advance(medianDays, sigma)) return false
    this.changes.push({
      at: this.iso.format(this.atMs),
      field: 'status',
      from: this.status,
      to,
    })
    this.status = to
    return true
  }

  set(field: string, from: string | null, to: string): void {
    if (this.open && this.atMs + HOUR_MS > this.endMs) this.open = false
    if (!this.open) return
    this.atMs += HOUR_MS
    this.changes.push({ at: this.iso.format(this.atMs), field, from, to })
  }
}

interface ItemState {
  type: string
  team: string
  assignee: string | null
}

function typeChange(cursor: HistoryCursor, random: SeededRandom, item: ItemState): void {
  if (!random.chance(0.06)) return
  const to = item.type === 'Bug' ? 'Story' : 'Bug'
  cursor.set('type', item.type, to)
  if (cursor.open) item.type = to
}

function teamChange(cursor: HistoryCursor, random: SeededRandom, item: ItemState): void {
  if (!random.chance(0.04)) return
  const to = random.pick(BENCH_TEAMS)
  if (to === item.team) return
  cursor.set('team', item.team, to)
  if (cursor.open) item.team = to
}

function startWork(cursor: HistoryCursor, random: SeededRandom, item: ItemState): boolean {
  if (!cursor.move(S.inProgress, 2.5)) return false
  item.assignee = random.pick(BENCH_ASSIGNEES)
  cursor.set('assignee', null, item.assignee)
  typeChange(cursor, random, item)
  return true
}

/** From In Progress to the end of code review, with blocks and rework. */
function work(cursor: HistoryCursor, random: SeededRandom): boolean {
  if (random.chance(0.12) && !(cursor.move(S.blocked, 1.5) && cursor.move(S.inProgress, 3, 1))) {
    return false
  }
  if (!cursor.move(S.reviewQueue, 3) || !cursor.move(S.inReview, 0.6, 1.1)) return false
  if (random.chance(0.15)) return cursor.move(S.inProgress, 0.2) && work(cursor, random)
  return true
}

function deliver(cursor: HistoryCursor, random: SeededRandom, item: ItemState): boolean {
  if (!cursor.move(S.awaitingQa, 0.3, 1.1) || !cursor.move(S.inQa, 1.5, 1)) return false
  cursor.set('assignee', item.assignee, random.pick(BENCH_ASSIGNEES))
  return cursor.move(S.waitingRelease, 0.5) && cursor.move(S.done, 2, 0.7)
}

function reopen(cursor: HistoryCursor, random: SeededRandom): void {
  if (!random.chance(0.05) || !cursor.move(S.inProgress, 10, 1)) return
  if (cursor.move(S.inReview, 1.5)) cursor.move(S.done, 0.5)
}

/** Runs one item through the workflow, updating its type and team as they change. */
function simulate(cursor: HistoryCursor, random: SeededRandom, item: ItemState): void {
  if (random.chance(0.05)) {
    cursor.move(S.wontDo, 20, 1.2)
    return
  }
  if (!cursor.move(S.ready, 6, 1.2)) return
  teamChange(cursor, random, item)
  if (random.chance(0.01)) {
    cursor.move(S.wontDo, 5)
    return
  }
  if (!startWork(cursor, random, item)) return
  if (random.chance(0.015)) {
    cursor.move(S.wontDo, 2)
    return
  }
  if (work(cursor, random) && deliver(cursor, random, item)) reopen(cursor, random)
}

/** The per-run state of {@link generateHistories}. */
interface BenchRun {
  random: SeededRandom
  cursor: HistoryCursor
  keyCounters: Int32Array
  typeWeights: number[]
}

function makeItem(run: BenchRun, index: number, createdMs: number): WorkItemRecord {
  const { random, cursor } = run
  const projectIndex = random.int(0, BENCH_PROJECTS.length - 1)
  const project = BENCH_PROJECTS[projectIndex] as string
  const number = (run.keyCounters[projectIndex] = (run.keyCounters[projectIndex] ?? 0) + 1)
  const key = `${project}-${number}`
  const item: ItemState = {
    type: BENCH_TYPES[random.weightedIndex(run.typeWeights)] as string,
    team: BENCH_TEAMS[projectIndex] as string,
    assignee: null,
  }
  cursor.begin(createdMs)
  simulate(cursor, random, item)
  return {
    source: 'jira',
    key,
    id: String(10_000 + index),
    url: `https://jira.example.com/browse/${key}`,
    project,
    type: item.type,
    title: random.pick(BENCH_TITLES),
    created: cursor.iso.format(createdMs),
    status: cursor.status,
    team: item.team,
    labels: random.pick(BENCH_LABELS),
    fields: {
      priority: random.pick(BENCH_PRIORITIES),
      storyPoints: random.pick(BENCH_STORY_POINTS),
    },
    changes: cursor.changes,
  }
}

/**
 * Lazily generates `items` believable Jira-like work-item histories for benchmarks, in constant
 * memory: a workflow with waiting states (Ready for Development, Code Review Queue, Awaiting QA,
 * Waiting for Release, Blocked), log-normal times per state, about 10 changes per item (status,
 * assignee, some type and team changes), ~5% reopens, ~7% cancellations, and items still in the
 * backlog or in progress at the end. Items are created in order, evenly spread over `years`.
 * The same options always give the same records.
 */
export function* generateHistories(options: GenerateHistoriesOptions): Iterable<WorkItemRecord> {
  const { items, seed, startMs, years = 2 } = options
  const endMs = startMs + years * YEAR_MS
  const random = new SeededRandom(seed)
  const run: BenchRun = {
    random,
    cursor: new HistoryCursor(random, endMs),
    keyCounters: new Int32Array(BENCH_PROJECTS.length),
    typeWeights: [...BENCH_TYPE_WEIGHTS],
  }
  const spacingMs = (endMs - startMs) / Math.max(1, items)
  for (let i = 0; i < items; i++) {
    yield makeItem(run, i, Math.floor(startMs + i * spacingMs + random.next() * spacingMs))
  }
}
