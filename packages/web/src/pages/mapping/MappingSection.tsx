import { useState } from 'react'
import { Badge, Card, Group, Select, Switch, Table, Text, Title } from '@mantine/core'
import { formatCount } from '../../format/numbers'
import { BASIS_WORDS } from './mapping-model'
import type { WorkbenchRow } from './workbench-rows'

/** What the data says of a value: its items and `vmo map suggest`'s suggestion. */
export interface ValueInData<C extends string> {
  items: number
  suggested: C
  by: keyof typeof BASIS_WORDS
}

/** One side of the workbench: values (types or states) and a select per value for its category. */
export function MappingSection<C extends string>(props: {
  title: string
  valueLabel: string
  categories: readonly C[]
  rows: readonly WorkbenchRow<C>[]
  /** By lower-case name: the value's items and suggestion. */
  inData: ReadonlyMap<string, ValueInData<C>>
  onChange: (name: string, category: C | undefined) => void
}) {
  const [unmappedOnly, setUnmappedOnly] = useState(false)
  const unmapped = props.rows.filter((r) => r.unmappedItems !== undefined && r.draft === undefined)
  const rows = unmappedOnly ? props.rows.filter((r) => r.unmappedItems !== undefined) : props.rows
  const data = props.categories.map((c) => ({ value: c, label: c }))
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          {props.title}
        </Title>
        <Group gap="xs">
          {unmapped.length > 0 ? (
            <Badge color="red" variant="light">
              {unmapped.length} unmapped
            </Badge>
          ) : (
            <Badge color="teal" variant="light">
              all mapped
            </Badge>
          )}
          <Switch
            size="xs"
            label="Unmapped only"
            checked={unmappedOnly}
            onChange={(e) => setUnmappedOnly(e.currentTarget.checked)}
          />
        </Group>
      </Group>
      <Table.ScrollContainer minWidth={560} mah={520}>
        <Table verticalSpacing={4} stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{props.valueLabel}</Table.Th>
              <Table.Th scope="col">In the data</Table.Th>
              <Table.Th scope="col">Suggested</Table.Th>
              <Table.Th scope="col" w={170}>
                Maps to
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const changed = row.draft !== row.saved
              const known = props.inData.get(row.name.toLowerCase())
              return (
                <Table.Tr
                  key={row.name}
                  bg={changed ? 'var(--mantine-primary-color-light)' : undefined}
                >
                  <Table.Th scope="row" fw={500}>
                    {row.name}
                  </Table.Th>
                  <Table.Td>
                    {row.unmappedItems !== undefined ? (
                      // Text, not a badge: a badge cuts long counts and sources off at 390 px.
                      <Text
                        size="xs"
                        fw={600}
                        c={row.draft === undefined ? 'red' : 'dimmed'}
                        style={{ overflowWrap: 'anywhere' }}
                      >
                        {row.draft === undefined ? 'unmapped · ' : ''}
                        {formatCount(row.unmappedItems)} items
                        {row.sources.length ? ` · ${row.sources.join(', ')}` : ''}
                      </Text>
                    ) : (
                      <Text size="xs" c="dimmed">
                        mapped{known ? ` · ${formatCount(known.items)} items` : ''}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {known && (
                      <Text size="xs" data-testid="suggested">
                        {known.suggested}{' '}
                        <Text
                          span
                          size="xs"
                          c="dimmed"
                          fw={known.by === 'fallback' ? 700 : undefined}
                        >
                          · {BASIS_WORDS[known.by]}
                        </Text>
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      aria-label={`${props.valueLabel} ${row.name} maps to`}
                      placeholder="unmapped"
                      data={data}
                      value={row.draft ?? null}
                      onChange={(value) =>
                        props.onChange(row.name, (value ?? undefined) as C | undefined)
                      }
                      clearable
                      error={row.unmappedItems !== undefined && row.draft === undefined}
                    />
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  )
}
