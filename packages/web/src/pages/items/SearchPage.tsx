import { useState } from 'react'
import { Anchor, Badge, Card, Stack, Table, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { Link, useSearchParams } from 'react-router'
import { useItemSearchQuery } from '../../api/queries/use-item-queries'
import type { ItemSearchResponse } from '../../api/types'
import { EmptyState } from '../../components/EmptyState'
import { PagePicker } from '../../components/PagePicker'
import { LoadingPanel } from '../../components/LoadingPanel'
import { formatCount } from '../../format/numbers'
import { PageHeader } from '../PageHeader'
import { itemPath } from './item-path'
import { SourceLink } from '../../components/SourceLink'

const PAGE = 25

function Results(props: {
  data: ItemSearchResponse
  page: number
  onPage: (page: number) => void
}) {
  const { data } = props
  return (
    <Card withBorder radius="md" padding="md">
      <Text size="sm" c="dimmed" mb="xs" role="status">
        {formatCount(data.total)} items found
      </Text>
      <Table.ScrollContainer minWidth={640}>
        <Table highlightOnHover verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Item</Table.Th>
              <Table.Th scope="col">Title</Table.Th>
              <Table.Th scope="col">Type</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Source</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((item) => (
              <Table.Tr key={`${item.source}:${item.key}`}>
                <Table.Td>
                  <Anchor component={Link} to={itemPath(item)} fw={600}>
                    {item.key}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {item.title ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>{item.type}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color="gray">
                    {item.status}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <SourceLink item={item} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <PagePicker
        total={data.total}
        pageSize={PAGE}
        page={props.page}
        onChange={props.onPage}
        label="Result pages"
      />
    </Card>
  )
}

/** Where's my thing: one search box across every source, by key, title and text. */
export default function SearchPage() {
  const [params, setParams] = useSearchParams()
  const [text, setText] = useState(params.get('q') ?? '')
  const [debounced] = useDebouncedValue(text, 250)
  const [page, setPage] = useState(1)
  const query = useItemSearchQuery(debounced, { limit: PAGE, offset: (page - 1) * PAGE })
  const change = (value: string) => {
    setText(value)
    setPage(1)
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        if (value.trim()) next.set('q', value)
        else next.delete('q')
        return next
      },
      { replace: true },
    )
  }
  return (
    <>
      <PageHeader
        title="Where's my thing?"
        subtitle="Search every connected tool by key, title or text, then follow the item's journey and forecast."
      />
      <Stack gap="md">
        <TextInput
          size="lg"
          label="Search items"
          placeholder="PAY-123, a title, or words from the description"
          leftSection={<IconSearch size={20} aria-hidden />}
          value={text}
          onChange={(event) => change(event.currentTarget.value)}
          data-autofocus
          autoFocus
          type="search"
        />
        {debounced.trim() === '' ? (
          <EmptyState title="Type to search across all sources">
            Results link to each item's journey: where it is now, how it got there, and when it is
            likely to be done.
          </EmptyState>
        ) : (
          <LoadingPanel
            {...query}
            height={300}
            isEmpty={(d) => d.total === 0}
            empty={
              <EmptyState title={`Nothing matches “${debounced}”`}>
                Try a key, or fewer words.
              </EmptyState>
            }
          >
            {query.data && <Results data={query.data} page={page} onPage={setPage} />}
          </LoadingPanel>
        )}
      </Stack>
    </>
  )
}
