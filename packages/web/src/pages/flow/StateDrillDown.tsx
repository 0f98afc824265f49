import { useState } from 'react'
import { Anchor, Card, Table, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import { useTimeInStateItemsQuery } from '../../api/queries/use-flow-queries'
import type { ScopeParams } from '../../api/scope-query'
import { PagePicker } from '../../components/PagePicker'
import { LoadingPanel } from '../../components/LoadingPanel'
import { formatCount, formatDate, formatDays } from '../../format/numbers'
import type { Filters } from '../../state/filters'
import { itemPath } from '../items/item-path'
import { SourceLink } from '../../components/SourceLink'

const PAGE = 20

/** The completed items that spent time in one state, longest first, with links to the source tool. */
export function StateDrillDown(props: {
  scope: ScopeParams
  filters: Filters
  state: { source: string; status: string }
}) {
  const [page, setPage] = useState(1)
  const query = useTimeInStateItemsQuery(props.scope, props.state, {
    limit: PAGE,
    offset: (page - 1) * PAGE,
  })
  const data = query.data
  return (
    <Card withBorder radius="md" padding="md" aria-live="polite">
      <Title order={3} size="h5" mb="xs">
        Items that spent time in “{props.state.status}” ({props.state.source})
        {data && (
          <Text span c="dimmed" size="sm">
            {' '}
            · {formatCount(data.total)} items
          </Text>
        )}
      </Title>
      <LoadingPanel {...query} height={240} isEmpty={(d) => d.items.length === 0}>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={6} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Item</Table.Th>
                <Table.Th scope="col">Title</Table.Th>
                <Table.Th scope="col" ta="right">
                  Days in state
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Visits
                </Table.Th>
                <Table.Th scope="col">Completed</Table.Th>
                <Table.Th scope="col">Source</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data?.items.map((item) => (
                <Table.Tr key={`${item.source}:${item.key}`}>
                  <Table.Td>
                    <Anchor component={Link} to={itemPath(item, props.filters)} fw={600}>
                      {item.key}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1}>
                      {item.title ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{formatDays(item.days)}</Table.Td>
                  <Table.Td ta="right">{item.visits}</Table.Td>
                  <Table.Td>{formatDate(item.end)}</Table.Td>
                  <Table.Td>
                    <SourceLink item={item} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {data && (
          <PagePicker
            total={data.total}
            pageSize={PAGE}
            page={page}
            onChange={setPage}
            label="Drill-down pages"
          />
        )}
      </LoadingPanel>
    </Card>
  )
}
