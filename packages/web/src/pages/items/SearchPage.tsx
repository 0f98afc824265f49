import { useState } from 'react'
import {
  Badge,
  Card,
  Group,
  MultiSelect,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { FLOW_ITEM_TYPES, isFlowItemType } from '@openvmo/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { useSearchParams } from 'react-router'
import type { ItemSearchFilters } from '../../api/queries/use-item-queries'
import { useItemSearchQuery } from '../../api/queries/use-item-queries'
import { useValueStreamsQuery } from '../../api/queries/use-model-queries'
import { useSourcesQuery } from '../../api/queries/use-source-queries'
import { useIsAdmin } from '../../api/queries/use-auth-queries'
import { label } from '../../charts/chart-common'
import { listParam } from '../../state/filters'
import type { Filters } from '../../state/filters'
import { useFilters } from '../../state/use-filters'
import { scopeParams } from '../../api/scope-query'
import type { ItemSearchResponse } from '../../api/types'
import { EmptyState } from '../../components/EmptyState'
import { PagePicker } from '../../components/PagePicker'
import { LoadingPanel } from '../../components/LoadingPanel'
import { formatCount, formatDate } from '../../format/numbers'
import { PageHeader } from '../PageHeader'
import { ItemKeyTitleCells } from './ItemCells'
import { SourceLink } from '../../components/SourceLink'

const PAGE = 25

const STATE_OPTIONS = [
  { value: 'all', label: 'All' },
  { value: 'open', label: 'Open' },
  { value: 'closed', label: 'Closed' },
]
const TYPE_OPTIONS = FLOW_ITEM_TYPES.map((type) => ({ value: type, label: label(type) }))

/** The search's filters as carried in the URL (`state`, `stream`, `source`, `type`). */
export function parseSearchFilters(params: URLSearchParams): ItemSearchFilters {
  const state = params.get('state')
  return {
    state: state === 'open' || state === 'closed' ? state : undefined,
    streams: listParam(params, 'stream'),
    sources: listParam(params, 'source'),
    types: listParam(params, 'type').filter(isFlowItemType),
  }
}

function writeSearchFilters(filters: ItemSearchFilters, base: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams(base)
  const set = (key: string, value: string | undefined) => {
    if (value) out.set(key, value)
    else out.delete(key)
  }
  set('state', filters.state)
  set('stream', filters.streams.join(','))
  set('source', filters.sources.join(','))
  set('type', filters.types.join(','))
  return out
}

/** The controls that narrow the search: open or closed, value streams, sources, types. */
function SearchFilters(props: {
  filters: ItemSearchFilters
  onChange: (patch: Partial<ItemSearchFilters>) => void
}) {
  const { filters, onChange } = props
  const streams = useValueStreamsQuery()
  // the sources' list is for admins: others filter by value stream and type
  const admin = useIsAdmin()
  const sources = useSourcesQuery(admin)
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" role="group" aria-label="Search filters">
      <div>
        <Text component="label" htmlFor="search-state" size="sm" fw={500} display="block">
          State
        </Text>
        <SegmentedControl
          id="search-state"
          aria-label="State"
          data={STATE_OPTIONS}
          value={filters.state ?? 'all'}
          onChange={(value) =>
            onChange({ state: value === 'open' || value === 'closed' ? value : undefined })
          }
        />
      </div>
      <MultiSelect
        w={220}
        label="Value stream"
        placeholder={filters.streams.length ? undefined : 'All streams'}
        data={streams.data?.valueStreams.map((s) => s.name) ?? []}
        value={[...filters.streams]}
        onChange={(values) => onChange({ streams: values })}
        clearable
        searchable
      />
      {admin && (
        <MultiSelect
          w={200}
          label="Source"
          placeholder={filters.sources.length ? undefined : 'All sources'}
          data={sources.data?.sources.map((s) => s.name) ?? []}
          value={[...filters.sources]}
          onChange={(values) => onChange({ sources: values })}
          clearable
        />
      )}
      <MultiSelect
        w={220}
        label="Flow Item type"
        placeholder={filters.types.length ? undefined : 'All types'}
        data={TYPE_OPTIONS}
        value={[...filters.types]}
        onChange={(values) => onChange({ types: values.filter(isFlowItemType) })}
        clearable
      />
    </Group>
  )
}

function Results(props: {
  data: ItemSearchResponse
  page: number
  onPage: (page: number) => void
  /** The global filters, kept in the links to the items (the as-of date among them). */
  filters: Filters
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
              <Table.Th scope="col">Last change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((item) => (
              <Table.Tr key={`${item.source}:${item.key}`} data-testid="search-hit">
                <ItemKeyTitleCells item={item} filters={props.filters} lines={2} />
                <Table.Td>{item.type}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={item.open ? 'blue' : 'gray'}>
                    {item.status}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {item.open ? 'open' : 'closed'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <SourceLink item={item} />
                </Table.Td>
                <Table.Td>{formatDate(item.lastChange.slice(0, 10))}</Table.Td>
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
  const filters = parseSearchFilters(params)
  const { filters: global } = useFilters()
  const query = useItemSearchQuery(debounced, filters, {
    limit: PAGE,
    offset: (page - 1) * PAGE,
    asOf: scopeParams(global).asOf,
  })
  const changeFilters = (patch: Partial<ItemSearchFilters>) => {
    setPage(1)
    setParams((current) =>
      writeSearchFilters({ ...parseSearchFilters(current), ...patch }, current),
    )
  }
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
        subtitle="Search every connected tool by key, title or text (open items first, then the most recently changed), then follow the item's journey and forecast."
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
        <SearchFilters filters={filters} onChange={changeFilters} />
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
            {query.data && (
              <Results data={query.data} page={page} onPage={setPage} filters={global} />
            )}
          </LoadingPanel>
        )}
      </Stack>
    </>
  )
}
