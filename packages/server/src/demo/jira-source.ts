import type { DemoTeam } from './organisation'
import { DEMO_TEAMS } from './organisation'
import type { JiraTeamContext } from './jira-workflow'
import { simulateJiraTeam, type JiraTeamWindow } from './jira-team'
import type { ProcessChanges } from './process-changes'
import type { SeededRandom } from './seeded-random'
import type { SimItem } from './sim-item'

const FIRST_NAMES = [
  'anna',
  'ben',
  'chiara',
  'david',
  'elif',
  'felix',
  'greta',
  'hamza',
  'ines',
  'jonas',
  'karin',
  'luca',
  'mia',
  'noah',
  'olga',
  'paul',
  'rosa',
  'sven',
  'tara',
  'yusuf',
]
const LAST_NAMES = [
  'becker',
  'costa',
  'demir',
  'fischer',
  'hansen',
  'klein',
  'novak',
  'weber',
  'yilmaz',
  'zimmer',
  'berg',
  'lang',
]

/** What the Jira simulation produced: every item, and the items of each team. */
export interface JiraSimulation {
  items: SimItem[]
  byTeam: Map<string, SimItem[]>
}

/** Done work items of one team, sorted by first completion, for dependency look-ups. */
interface DoneIndex {
  doneMs: number[]
  items: SimItem[]
}

function teamMembers(team: DemoTeam, teamIndex: number): string[] {
  const members: string[] = []
  for (let i = 0; i < team.members; i++) {
    const first = FIRST_NAMES[(teamIndex * 7 + i) % FIRST_NAMES.length] as string
    const last = LAST_NAMES[(teamIndex * 5 + i * 3) % LAST_NAMES.length] as string
    members.push(`${first}.${last}`)
  }
  return members
}

function buildDoneIndex(items: readonly SimItem[]): DoneIndex {
  const done = items.filter((item) => !Number.isNaN(item.milestones.doneMs))
  done.sort((a, b) => a.milestones.doneMs - b.milestones.doneMs)
  return { doneMs: done.map((item) => item.milestones.doneMs), items: done }
}

function lowerBound(values: readonly number[], target: number): number {
  let low = 0
  let high = values.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if ((values[mid] as number) < target) low = mid + 1
    else high = mid
  }
  return low
}

function createBlockerFinder(
  index: Map<string, DoneIndex>,
  random: SeededRandom,
): JiraTeamContext['findBlocker'] {
  return (teamKey, fromMs, toMs) => {
    const done = index.get(teamKey)
    if (done === undefined) return undefined
    const from = lowerBound(done.doneMs, fromMs)
    const to = lowerBound(done.doneMs, toMs)
    return to > from ? done.items[random.int(from, to - 1)] : undefined
  }
}

/** Numbers a project's items in creation order (`PAY-212`, `PAY-213`, ...), with their URLs. */
function assignKeys(team: DemoTeam, items: SimItem[], random: SeededRandom): void {
  items.sort((a, b) => a.createdMs - b.createdMs)
  let number = random.int(40, 400)
  for (const item of items) {
    item.key = `${team.project}-${number++}`
    item.url = `https://acme.atlassian.net/browse/${item.key}`
    number += random.chance(0.04) ? 1 : 0 // deleted or moved issues leave gaps
  }
}

/**
 * Simulates the Jira projects of all teams, providers before consumers so that a blocked item
 * can wait for a provider's real item. Keys follow creation order per project; ids are global.
 */
export function simulateJira(
  random: SeededRandom,
  changes: ProcessChanges,
  window: JiraTeamWindow,
): JiraSimulation {
  const doneIndex = new Map<string, DoneIndex>()
  const byTeam = new Map<string, SimItem[]>()
  DEMO_TEAMS.forEach((team, teamIndex) => {
    const teamRandom = random.fork(teamIndex)
    const ctx: JiraTeamContext = {
      team,
      random: teamRandom,
      changes,
      members: teamMembers(team, teamIndex),
      findBlocker: createBlockerFinder(doneIndex, teamRandom),
    }
    const result = simulateJiraTeam(ctx, window)
    const items = [...result.epics, ...result.workItems, ...result.subtasks]
    assignKeys(team, items, teamRandom)
    doneIndex.set(team.key, buildDoneIndex(result.workItems))
    byTeam.set(team.key, items)
  })
  const items = [...byTeam.values()].flat().sort((a, b) => a.createdMs - b.createdMs)
  items.forEach((item, i) => (item.id = String(10_000 + i)))
  return { items, byTeam }
}
