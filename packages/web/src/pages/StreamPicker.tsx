import { Button, Group } from '@mantine/core'
import { Link } from 'react-router'
import { useValueStreamsQuery } from '../api/queries/use-model-queries'
import { EmptyState } from '../components/EmptyState'
import { LoadingPanel } from '../components/LoadingPanel'
import type { Filters } from '../state/filters'
import { filtersSearch } from '../state/filters'

/** Asks for a value stream when a view needs one, listing the configured streams as links. */
export function StreamPicker(props: { filters: Filters; path: string }) {
  const { data, error, isLoading } = useValueStreamsQuery()
  return (
    <LoadingPanel data={data} error={error} isLoading={isLoading} height={120}>
      <EmptyState
        title={data?.valueStreams.length ? 'Pick a value stream' : 'No value streams configured'}
      >
        {data?.valueStreams.length
          ? 'This view shows one product value stream. Choose one here or in the filter above.'
          : 'Add value streams under valueStreams: in the mapping.'}
      </EmptyState>
      <Group justify="center" gap="xs">
        {data?.valueStreams.map((s) => (
          <Button
            key={s.name}
            variant="light"
            component={Link}
            to={`${props.path}${filtersSearch({ ...props.filters, streams: [s.name] })}`}
          >
            {s.name}
          </Button>
        ))}
      </Group>
    </LoadingPanel>
  )
}
