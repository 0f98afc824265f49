import { Badge, Table, Text } from '@mantine/core'
import type { SourceStateResponse } from '../../api/types'
import { formatCount } from '../../format/numbers'
import { scopeRows } from './source-rows'

function Difference(props: { difference: number | null }) {
  const { difference } = props
  if (difference === null) {
    return (
      <Text size="sm" c="dimmed" span>
        not counted yet
      </Text>
    )
  }
  if (difference === 0) {
    return (
      <Badge variant="light" color="teal">
        match
      </Badge>
    )
  }
  const text =
    difference > 0
      ? `${formatCount(difference)} not stored`
      : `${formatCount(-difference)} stored but gone`
  return (
    <Badge variant="light" color="orange" data-testid="scope-mismatch">
      {text}
    </Badge>
  )
}

/** A source's scopes with the tool's and the store's counts of the last census; gaps stand out. */
export function ScopeTable(props: { source: SourceStateResponse }) {
  const rows = scopeRows(props.source)
  return (
    // Native scrolling, focusable, so narrow screens can scroll the table with the keyboard.
    <Table.ScrollContainer
      minWidth={560}
      type="native"
      tabIndex={0}
      role="region"
      aria-label={`Scopes of ${props.source.name}`}
    >
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Scope</Table.Th>
            <Table.Th scope="col">In the tool</Table.Th>
            <Table.Th scope="col">Stored</Table.Th>
            <Table.Th scope="col">Difference</Table.Th>
            <Table.Th scope="col">Last census</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr
              key={row.name}
              // A bar at the start of the row marks a gap (a tint would lower the text contrast).
              style={
                row.difference
                  ? { boxShadow: 'inset 4px 0 0 var(--mantine-color-orange-6)' }
                  : undefined
              }
            >
              <Table.Th scope="row" fw={500}>
                {row.name}
                <Text size="xs" c="dimmed">
                  {row.what}
                </Text>
              </Table.Th>
              <Table.Td data-testid="scope-in-tool">{row.inTool}</Table.Td>
              <Table.Td data-testid="scope-stored">{row.stored}</Table.Td>
              <Table.Td>
                <Difference difference={row.difference} />
              </Table.Td>
              <Table.Td>{row.censusAt}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
