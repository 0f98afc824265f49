import { Anchor, Card, Group, List, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import { useDependencyQuery } from '../../api/queries/use-dependency-query'
import type { ScopeParams } from '../../api/scope-query'
import type { DependencyGraphResponse } from '../../api/types'
import { groupName } from '../../charts/DependencyGraphChart'
import { LoadingPanel } from '../../components/LoadingPanel'
import { formatCount, formatDays, formatPercent } from '../../format/numbers'
import type { Filters } from '../../state/filters'
import { filtersSearch } from '../../state/filters'

/** The upstream teams by the wait they caused the scope, heaviest first. */
function upstreamTeams(data: DependencyGraphResponse) {
  const byTeam = new Map<string, number>()
  for (const edge of data.edges) {
    const name = groupName(edge.upstream)
    byTeam.set(name, (byTeam.get(name) ?? 0) + edge.waitDays)
  }
  return [...byTeam.entries()].sort((a, b) => b[1] - a[1])
}

/**
 * "Blocked by other teams": how long the stream's items waited on open items of other teams
 * over the range, its share of their time in progress, and the teams that held them up most.
 */
export function BlockedByOthersCard(props: { scope: ScopeParams; filters: Filters }) {
  const query = useDependencyQuery(props.scope, 'team')
  return (
    <Card withBorder radius="md" padding="md" data-testid="blocked-by-others">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          Blocked by other teams
        </Title>
        <Anchor component={Link} to={`/dependencies${filtersSearch(props.filters)}`} size="sm">
          All dependencies
        </Anchor>
      </Group>
      <LoadingPanel {...query} height={90}>
        {query.data && (
          <>
            <Text size="xl" fw={700}>
              {formatDays(query.data.total.attributedDays)} days
            </Text>
            <Text size="sm" c="dimmed">
              of waiting on open items of other teams, over{' '}
              {formatCount(query.data.total.itemCount)} items:{' '}
              {formatPercent(query.data.total.shareOfProgressTime, 1)} of their time in progress
            </Text>
            {query.data.edges.length > 0 && (
              <List size="sm" mt="xs" spacing={2}>
                {upstreamTeams(query.data)
                  .slice(0, 3)
                  .map(([name, days]) => (
                    <List.Item key={name}>
                      {name}: {formatDays(days)} days
                    </List.Item>
                  ))}
              </List>
            )}
          </>
        )}
      </LoadingPanel>
    </Card>
  )
}
