import { Group, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core'
import { useSearchParams } from 'react-router'
import type { DependencyGrouping } from '../../api/queries/use-dependency-query'
import { useDependencyQuery } from '../../api/queries/use-dependency-query'
import { scopeParams } from '../../api/scope-query'
import type { DependencyGraphResponse } from '../../api/types'
import { DependencyGraphChart, groupName } from '../../charts/DependencyGraphChart'
import { EmptyState } from '../../components/EmptyState'
import { LoadingPanel } from '../../components/LoadingPanel'
import { formatCount, formatDays, formatPercent, formatRange } from '../../format/numbers'
import { scopeWords } from '../../state/filters'
import { useFilters } from '../../state/use-filters'
import { PageHeader } from '../PageHeader'
import { EdgeItems } from './EdgeItems'
import { EdgeTable } from './EdgeTable'

const edgeId = (edge: DependencyGraphResponse['edges'][number]) =>
  `${groupName(edge.upstream)}>${groupName(edge.downstream)}`

function Totals(props: { data: DependencyGraphResponse }) {
  const { total, by } = props.data
  return (
    <Text size="sm" data-testid="dependency-totals">
      The items waited {formatDays(total.waitingDays)} days in all;{' '}
      {formatDays(total.attributedDays)} of it on open items of other{' '}
      {by === 'team' ? 'teams' : 'value streams'} ({formatCount(total.itemCount)} items,{' '}
      {formatPercent(total.shareOfProgressTime, 1)} of their time in progress). Each instant of
      waiting is split equally among the blockers open then, so no wait counts twice.
    </Text>
  )
}

/**
 * Dependencies (Value Stream Architect): which teams or value streams held up whose work, and
 * how long — a graph and a table of edges, heaviest first; a picked edge lists its items.
 */
export default function DependenciesPage() {
  const { filters } = useFilters()
  const [params, setParams] = useSearchParams()
  const by: DependencyGrouping = params.get('by') === 'stream' ? 'stream' : 'team'
  const query = useDependencyQuery(scopeParams(filters), by)
  const data = query.data
  const found = data?.edges.findIndex((e) => edgeId(e) === params.get('edge')) ?? -1
  const selected = found >= 0 ? found : undefined
  const pick = (index: number) => {
    const edge = data?.edges[index]
    if (!edge) return
    setParams((current) => {
      const next = new URLSearchParams(current)
      next.set('edge', edgeId(edge))
      return next
    })
  }
  const setBy = (value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current)
      next.set('by', value)
      next.delete('edge')
      return next
    })
  return (
    <>
      <PageHeader
        title="Dependencies"
        subtitle={`${scopeWords(filters) || 'All value streams'}${data ? ` · ${formatRange(data.from, data.to)} · ${data.timezone}` : ''}`}
        right={
          <SegmentedControl
            size="xs"
            value={by}
            onChange={setBy}
            aria-label="Group by"
            data={[
              { value: 'team', label: 'Teams' },
              { value: 'stream', label: 'Value streams' },
            ]}
          />
        }
      />
      <LoadingPanel
        {...query}
        height={380}
        isEmpty={(d) => d.edges.length === 0}
        empty={
          <EmptyState title="No item waited on another group">
            No item of this scope sat in a waiting state while an item it is linked to as blocked
            by, depending on or delivered by, in another {by === 'team' ? 'team' : 'value stream'},
            was open. Links come from the tools (Jira issue links, GitHub dependencies, keys
            mentioned across tools).
          </EmptyState>
        }
      >
        {data && (
          <Stack gap="md">
            <Totals data={data} />
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              <DependencyGraphChart data={data} selected={selected} onPick={pick} />
              <EdgeTable data={data} selected={selected} onPick={pick} />
            </SimpleGrid>
            {selected !== undefined && data.edges[selected] ? (
              <EdgeItems edge={data.edges[selected]} filters={filters} />
            ) : (
              <Group>
                <Text size="sm" c="dimmed">
                  Pick an arrow or a row to see the items that waited and what held them up.
                </Text>
              </Group>
            )}
          </Stack>
        )}
      </LoadingPanel>
    </>
  )
}
