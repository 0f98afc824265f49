import Table from 'cli-table3'
import type { DependencyGraphResponse } from '../../api/schemas/dependency-schemas'
import { formatFigure } from './format-number'

const plain = { style: { head: [], border: [] } }
const nameOf = (name: string | null) => name ?? '(restricted)'

/** The dependency graph as a table: heaviest edges first, with the totals under it. */
export function renderDependencies(result: DependencyGraphResponse): string {
  const table = new Table({
    head: ['upstream', 'held up', 'wait days', 'items', 'share of downstream time'],
    ...plain,
  })
  for (const edge of result.edges) {
    table.push([
      nameOf(edge.upstream),
      nameOf(edge.downstream),
      formatFigure(edge.waitDays, 'days'),
      String(edge.itemCount),
      formatFigure(edge.shareOfDownstreamTime, 'ratio'),
    ])
  }
  const { total } = result
  const lines = [
    `dependencies by ${result.by}, ${result.from} to ${result.to} (waits attributed once, split equally among the blockers open at each instant)`,
    result.edges.length > 0 ? table.toString() : 'no item waited on another group in this range',
    `waiting ${formatFigure(total.waitingDays, 'days')} days in all; ${formatFigure(total.attributedDays, 'days')} on other ${result.by === 'team' ? 'teams' : 'streams'} (${total.itemCount} items, ${formatFigure(total.shareOfProgressTime, 'ratio')} of the time in progress), ${formatFigure(total.internalDays, 'days')} on their own or on unassigned items`,
  ]
  return `${lines.join('\n')}\n`
}
