import { Anchor, Card, Group, List, Table, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import type { DependencyGraphResponse } from '../../api/types'
import { groupName } from '../../charts/DependencyGraphChart'
import { formatCount, formatDays } from '../../format/numbers'
import type { Filters } from '../../state/filters'
import { itemPath } from '../items/item-path'
import { RestrictedItem } from '../items/RestrictedItem'

type Edge = DependencyGraphResponse['edges'][number]
type Ref = Edge['items'][number]['blockers'][number]

function ItemLink(props: { item: Ref; filters: Filters }) {
  const { item } = props
  if (item.restricted) return <RestrictedItem />
  return (
    <Anchor component={Link} to={itemPath(item, props.filters)} size="sm">
      {item.key}
    </Anchor>
  )
}

/** The items held up along one edge, with the wait attributed to it and their blockers. */
export function EdgeItems(props: { edge: Edge; filters: Filters }) {
  const { edge, filters } = props
  const title = `${groupName(edge.upstream)} → ${groupName(edge.downstream)}`
  return (
    <Card withBorder radius="md" padding="md" data-testid="edge-items">
      <Title order={3} size="h5">
        {title}: the items that waited
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {formatDays(edge.waitDays)} days of waiting over {formatCount(edge.itemCount)} items
        {edge.items.length < edge.itemCount ? `; the ${edge.items.length} longest waits shown` : ''}
        . A wait shared with blockers elsewhere counts here only for its share.
      </Text>
      <Table.ScrollContainer minWidth={420}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Waiting item</Table.Th>
              <Table.Th scope="col" ta="right">
                Wait (d)
              </Table.Th>
              <Table.Th scope="col">Held up by</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {edge.items.map((item) => (
              <Table.Tr key={`${item.source}:${item.key}`}>
                <Table.Td>
                  <Group gap={6} wrap="wrap">
                    <ItemLink item={item} filters={filters} />
                    {item.title && <Text size="sm">{item.title}</Text>}
                  </Group>
                </Table.Td>
                <Table.Td ta="right">{formatDays(item.waitDays)}</Table.Td>
                <Table.Td>
                  <List size="sm" spacing={2} listStyleType="none">
                    {item.blockers.map((b, i) => (
                      <List.Item key={`${b.source}:${b.key}:${i}`}>
                        <Group gap={6} wrap="nowrap">
                          <ItemLink item={b} filters={filters} />
                          <Text size="xs" c="dimmed">
                            {formatDays(b.waitDays)} d
                          </Text>
                        </Group>
                      </List.Item>
                    ))}
                  </List>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  )
}
