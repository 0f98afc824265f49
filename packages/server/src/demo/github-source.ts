import { MS_PER_DAY } from '@openvmo/core'
import { HOUR_MS, arrivalFactor, toWorkingTime, workingMomentOf } from './calendar'
import type { JiraSimulation } from './jira-source'
import type { JiraTeamWindow } from './jira-team'
import { DEMO_TEAMS, type DemoTeam } from './organisation'
import type { SeededRandom } from './seeded-random'
import { createSimItem, moveTo, type SimItem } from './sim-item'
import { listStreamLibraries, makeTitle } from './vocabulary'

/** GitHub issue and pull-request states as the demo's GitHub project board names them. */
export const GITHUB_STATUS = {
  open: 'open',
  inProgress: 'in progress',
  reviewRequested: 'review requested',
  changesRequested: 'changes requested',
  merged: 'merged',
  closed: 'closed',
} as const

/** GitHub artifact types of the demo. */
export const GITHUB_TYPES = ['Issue', 'Pull Request'] as const

const S = GITHUB_STATUS
const PR_TYPES = new Set(['Story', 'Bug', 'Task', 'Tech Debt', 'Vulnerability'])

interface RepoContext {
  team: DemoTeam
  random: SeededRandom
  window: JiraTeamWindow
}

function newGithubItem(ctx: RepoContext, type: string, createdMs: number): SimItem {
  return createSimItem({
    source: 'github',
    stream: ctx.team.stream,
    project: ctx.team.repo,
    initialTeam: ctx.team.key,
    initialType: type,
    initialStatus: S.open,
    title: '',
    createdMs,
  })
}

function after(ctx: RepoContext, item: SimItem, medianDays: number): number {
  const ms = item.lastMs + ctx.random.logNormal(medianDays, 0.9) * MS_PER_DAY
  return toWorkingTime(ms, ctx.random)
}

/** The pull request that implements a Jira item: it follows the item's code reviews. */
function pullRequestFor(ctx: RepoContext, jira: SimItem): SimItem {
  const { startedMs, reviewQueueMs, reworkMs, reviewEndMs, canceledMs } = jira.milestones
  const firstQueue = reviewQueueMs[0] as number
  const opened = Math.max(
    startedMs + HOUR_MS,
    firstQueue - ctx.random.logNormal(0.3, 0.8) * MS_PER_DAY,
  )
  const pr = newGithubItem(ctx, 'Pull Request', opened)
  pr.title = `${jira.key}: ${jira.title}`
  pr.labels = [...jira.labels]
  pr.fields = { author: jira.assignee, draft: false }
  pr.links.push({ type: 'implements', target: jira, sinceMs: opened })
  moveTo(pr, S.reviewRequested, firstQueue)
  reworkMs.forEach((reworkAt, round) => {
    if (!(reworkAt < reviewEndMs)) return
    moveTo(pr, S.changesRequested, reworkAt)
    moveTo(pr, S.reviewRequested, reviewQueueMs[round + 1] ?? reworkAt + HOUR_MS)
  })
  if (!Number.isNaN(reviewEndMs)) moveTo(pr, S.merged, reviewEndMs)
  else if (!Number.isNaN(canceledMs)) moveTo(pr, S.closed, canceledMs)
  return pr
}

function dependabotBump(ctx: RepoContext, createdMs: number): SimItem {
  const { random } = ctx
  const pr = newGithubItem(ctx, 'Pull Request', createdMs)
  const major = random.int(1, 6)
  const minor = random.int(0, 20)
  pr.title = `Bump ${random.pick(listStreamLibraries(ctx.team.stream))} from ${major}.${minor}.${random.int(0, 9)} to ${major}.${minor + 1}.0`
  pr.labels = ['dependencies']
  pr.fields = { author: 'dependabot[bot]', draft: false }
  moveTo(pr, S.reviewRequested, createdMs + 60_000)
  const fate = random.next()
  if (fate < 0.75) moveTo(pr, S.merged, after(ctx, pr, 1.5))
  else if (fate < 0.95) moveTo(pr, S.closed, after(ctx, pr, 6))
  return pr
}

function githubIssue(ctx: RepoContext, createdMs: number): SimItem {
  const { random } = ctx
  const bug = random.chance(0.6)
  const issue = newGithubItem(ctx, 'Issue', createdMs)
  issue.title = makeTitle(ctx.team.stream, bug ? 'Bug' : 'Story', random)
  issue.labels = [bug ? 'bug' : 'enhancement']
  const fate = random.next()
  if (fate < 0.12) {
    moveTo(issue, S.closed, after(ctx, issue, 12))
    if (issue.lastMs <= ctx.window.asOfMs) issue.fields = { stateReason: 'not_planned' }
  } else if (fate < 0.82) {
    moveTo(issue, S.inProgress, after(ctx, issue, 6))
    moveTo(issue, S.closed, after(ctx, issue, 4))
    if (issue.lastMs <= ctx.window.asOfMs) issue.fields = { stateReason: 'completed' }
  }
  return issue
}

function repoBackground(ctx: RepoContext): SimItem[] {
  const items: SimItem[] = []
  for (let day = ctx.window.startMs; day <= ctx.window.asOfMs; day += MS_PER_DAY) {
    const issues = ctx.random.poisson(0.2 * arrivalFactor(day))
    for (let i = 0; i < issues; i++) items.push(githubIssue(ctx, workingMomentOf(day, ctx.random)))
    if (ctx.random.chance(0.07 * arrivalFactor(day))) {
      items.push(dependabotBump(ctx, day + 5 * HOUR_MS + ctx.random.next() * HOUR_MS))
    }
  }
  return items.filter((item) => item.createdMs <= ctx.window.asOfMs)
}

function numberRepo(ctx: RepoContext, items: SimItem[]): void {
  items.sort((a, b) => a.createdMs - b.createdMs)
  let number = ctx.random.int(100, 900)
  for (const item of items) {
    item.key = `${ctx.team.repo}#${number}`
    const kind = item.initialType === 'Issue' ? 'issues' : 'pull'
    item.url = `https://github.com/${ctx.team.repo}/${kind}/${number}`
    number++
  }
}

/**
 * Simulates one repository per team: pull requests for about half of the Jira items that reach
 * code review (titles start with the Jira key, and link to it), Dependabot bumps, and issues.
 * Issue and pull-request numbers share one sequence per repository, as on GitHub.
 */
export function simulateGithub(
  random: SeededRandom,
  jira: JiraSimulation,
  window: JiraTeamWindow,
): SimItem[] {
  const all: SimItem[] = []
  DEMO_TEAMS.forEach((team, teamIndex) => {
    const ctx: RepoContext = { team, random: random.fork(100 + teamIndex), window }
    const items = repoBackground(ctx)
    for (const item of jira.byTeam.get(team.key) ?? []) {
      const reviewed = item.milestones.reviewQueueMs.length > 0
      if (reviewed && PR_TYPES.has(item.initialType) && ctx.random.chance(0.55)) {
        items.push(pullRequestFor(ctx, item))
      }
    }
    numberRepo(ctx, items)
    all.push(...items)
  })
  all.sort((a, b) => a.createdMs - b.createdMs)
  all.forEach((item, i) => (item.id = String(1_900_000_000 + i * 13)))
  return all
}
