import { useState } from 'react'
import { Card, Group, SegmentedControl, Table, Text, Title } from '@mantine/core'
import { useTimeInStateItemsQuery } from '../../api/queries/use-flow-queries'
import type { ScopeParams } from '../../api/scope-query'
import type { AgingWipResponse } from '../../api/types'
import { PagePicker } from '../../components/PagePicker'
import { LoadingPanel } from '../../components/LoadingPanel'
import { EmptyState } from '../../components/EmptyState'
import { formatCount, formatDate, formatDays } from '../../format/numbers'
import type { Filters } from '../../state/filters'
import { ItemKeyTitleCells } from '../items/ItemCells'
import { SourceLink } from '../../components/SourceLink'
import type { DrillList, DrillState } from './drill-state'
import { waitingIn } from './drill-state'

const PAGE = 20

/** The items in one state now (as of the as-of date), longest there first. */
function WaitingNow(props: {
  aging: AgingWipResponse | undefined
  filters: Filters
  state: DrillState
}) {
  const [page, setPage] = useState(1)
  const items = waitingIn(props.aging, props.state)
  if (!props.aging)
    return (
      <LoadingPanel data={undefined} error={null} isLoading height={240}>
        {null}
      </LoadingPanel>
    )
  if (items.length === 0)
    return (
      <EmptyState title={`No item is in “${props.state.status}” now`}>
        Nothing in progress sits in this state as of {formatDate(props.aging.asOf)}; “Completed that
        passed through” lists the items that waited here before.
      </EmptyState>
    )
  const shown = items.slice((page - 1) * PAGE, page * PAGE)
  return (
    <>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing={6} striped data-testid="waiting-now-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Item</Table.Th>
              <Table.Th scope="col">Title</Table.Th>
              <Table.Th scope="col" ta="right">
                Days in this state
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Age (days)
              </Table.Th>
              <Table.Th scope="col">Source</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((item) => (
              <Table.Tr key={`${item.source}:${item.key}`}>
                <ItemKeyTitleCells item={item} filters={props.filters} />
                <Table.Td ta="right" data-testid="days-in-state">
                  {formatDays(item.daysInStatus)}
                </Table.Td>
                <Table.Td ta="right">{formatDays(item.ageDays)}</Table.Td>
                <Table.Td>
                  <SourceLink item={item} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <PagePicker
        total={items.length}
        pageSize={PAGE}
        page={page}
        onChange={setPage}
        label="Drill-down pages"
      />
    </>
  )
}

/** The completed items of the range that spent time in one state, longest first. */
function CompletedThrough(props: { scope: ScopeParams; filters: Filters; state: DrillState }) {
  const [page, setPage] = useState(1)
  const query = useTimeInStateItemsQuery(props.scope, props.state, {
    limit: PAGE,
    offset: (page - 1) * PAGE,
  })
  const data = query.data
  return (
    <LoadingPanel {...query} height={240} isEmpty={(d) => d.items.length === 0}>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing={6} striped data-testid="completed-through-table">
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
                <ItemKeyTitleCells item={item} filters={props.filters} />
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
  )
}

/**
 * The drill-down of one state: the items waiting there now, as of the as-of date, with their days
 * in it (the default), or the completed items of the range that passed through it. The state and
 * the list shown are in the URL, so the view can be shared and reloaded.
 */
export function StateDrillDown(props: {
  scope: ScopeParams
  filters: Filters
  aging: AgingWipResponse | undefined
  state: DrillState
  list: DrillList
  onList: (list: DrillList) => void
}) {
  const waiting = waitingIn(props.aging, props.state)
  const asOf = props.aging ? formatDate(props.aging.asOf) : undefined
  return (
    <Card withBorder radius="md" padding="md" aria-live="polite" data-testid="state-drill-down">
      <Group justify="space-between" align="flex-start" mb="xs" gap="xs">
        <Title order={3} size="h5">
          {props.list === 'now'
            ? `Items in “${props.state.status}” (${props.state.source}) now`
            : `Completed items that spent time in “${props.state.status}” (${props.state.source})`}
          {props.list === 'now' && props.aging && (
            <Text span c="dimmed" size="sm">
              {' '}
              · {formatCount(waiting.length)} as of {asOf}
            </Text>
          )}
        </Title>
        <SegmentedControl
          size="xs"
          value={props.list}
          onChange={(value) => props.onList(value === 'completed' ? 'completed' : 'now')}
          data={[
            { value: 'now', label: 'In this state now' },
            { value: 'completed', label: 'Completed that passed through' },
          ]}
          aria-label="Which items to list"
        />
      </Group>
      {props.list === 'now' ? (
        <WaitingNow aging={props.aging} filters={props.filters} state={props.state} />
      ) : (
        <CompletedThrough scope={props.scope} filters={props.filters} state={props.state} />
      )}
    </Card>
  )
}
