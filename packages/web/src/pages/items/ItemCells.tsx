import { Anchor, Table, Text } from '@mantine/core'
import { Link } from 'react-router'
import type { Filters } from '../../state/filters'
import { itemPath } from './item-path'

/**
 * The first two cells of an item row in the dashboard's item tables: the key, linking to the
 * item's page (keeping the global filters), and the title cut to `lines` lines.
 */
export function ItemKeyTitleCells(props: {
  item: { source: string; key: string; title: string | null }
  filters?: Filters
  lines?: number
}) {
  const { item } = props
  return (
    <>
      <Table.Td>
        <Anchor component={Link} to={itemPath(item, props.filters)} fw={600}>
          {item.key}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={props.lines ?? 1}>
          {item.title ?? '—'}
        </Text>
      </Table.Td>
    </>
  )
}
