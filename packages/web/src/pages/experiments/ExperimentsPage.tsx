import { useState } from 'react'
import { Anchor, Badge, Button, Card, Stack, Table, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import { useMeQuery } from '../../api/queries/use-auth-queries'
import { useExperimentsQuery, useSuggestionsQuery } from '../../api/queries/use-experiment-queries'
import { useValueStreamsQuery } from '../../api/queries/use-model-queries'
import type { ExperimentListResponse } from '../../api/types'
import { canEditStream } from '../../auth/can-edit'
import { EmptyState } from '../../components/EmptyState'
import { LoadingPanel } from '../../components/LoadingPanel'
import { singleStream } from '../../state/filters'
import { useFilters } from '../../state/use-filters'
import { PageHeader } from '../PageHeader'
import type { ExperimentDraft } from './ExperimentForm'
import { ExperimentForm } from './ExperimentForm'

function ExperimentTable(props: { data: ExperimentListResponse }) {
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped aria-label="Experiments">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>experiment</Table.Th>
            <Table.Th>stream</Table.Th>
            <Table.Th>change date</Table.Th>
            <Table.Th>targets</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.data.experiments.map(({ definition: d }) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                <Anchor component={Link} to={`/experiments/${d.id}`}>
                  {d.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{d.scope.stream}</Table.Td>
              <Table.Td>{d.changeDate}</Table.Td>
              <Table.Td>{d.targets.map((t) => `${t.metric} ${t.direction}`).join(', ')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

function Suggestions(props: { stream: string; onPick: (draft: ExperimentDraft) => void }) {
  const query = useSuggestionsQuery(props.stream)
  return (
    <LoadingPanel
      {...query}
      height={120}
      isEmpty={(d) => d.suggestions.length === 0}
      empty={<EmptyState title={`No change point in ${props.stream}'s last two years`} />}
    >
      {query.data && (
        <Stack gap={4}>
          {query.data.suggestions.map((s) => (
            <Text key={`${s.metric}-${s.changeDate}`} size="sm">
              <Badge variant="light" mr="xs">
                {s.changeDate}
              </Badge>
              {s.metric} {s.direction} from {s.beforeMedian.toFixed(1)} to{' '}
              {s.afterMedian.toFixed(1)} a week{' '}
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() =>
                  props.onPick({
                    stream: props.stream,
                    changeDate: s.changeDate,
                    metric: s.metric,
                    direction: s.direction,
                  })
                }
              >
                Record as experiment
              </Button>
            </Text>
          ))}
        </Stack>
      )}
    </LoadingPanel>
  )
}

/** Experiments: the recorded process changes, candidates from change points, and a form to record one. */
export default function ExperimentsPage() {
  const { filters } = useFilters()
  const stream = singleStream(filters)
  const list = useExperimentsQuery(stream)
  const me = useMeQuery()
  const streams = (useValueStreamsQuery().data?.valueStreams ?? []).map((s) => s.name)
  const [draft, setDraft] = useState<ExperimentDraft | null>(null)
  const editable = stream !== undefined && canEditStream(me.data, stream)
  return (
    <>
      <PageHeader
        title="Experiments"
        subtitle={`Process changes measured before against after${stream ? ` · ${stream}` : ' · every stream'}`}
      />
      <Stack gap="md">
        <LoadingPanel
          {...list}
          height={200}
          isEmpty={(d) => d.experiments.length === 0}
          empty={
            <EmptyState title="No experiment recorded">
              Record a process change to see whether it worked.
            </EmptyState>
          }
        >
          {list.data && <ExperimentTable data={list.data} />}
        </LoadingPanel>
        {stream ? (
          <Card withBorder padding="md">
            <Title order={3} size="h5" mb="xs">
              Candidates: change points in {stream}
            </Title>
            <Suggestions stream={stream} onPick={setDraft} />
          </Card>
        ) : (
          <Text size="sm" c="dimmed">
            Pick one value stream in the filters to see its change points and to record an
            experiment.
          </Text>
        )}
        {editable && (
          <ExperimentForm
            key={JSON.stringify(draft)}
            draft={draft ?? { stream }}
            streams={streams}
          />
        )}
      </Stack>
    </>
  )
}
