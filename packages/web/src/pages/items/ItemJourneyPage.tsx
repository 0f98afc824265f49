import { Alert, Anchor, Group, List, SimpleGrid, Stack, Text } from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { formatDays } from '../../format/numbers'
import { Link, useParams } from 'react-router'
import { useItemJourneyQuery } from '../../api/queries/use-item-queries'
import type { ItemJourneyResponse } from '../../api/types'
import { TimePerStateChart } from '../../charts/TimePerStateChart'
import { LoadingPanel } from '../../components/LoadingPanel'
import { PageHeader } from '../PageHeader'
import { scopeParams } from '../../api/scope-query'
import { useFilters } from '../../state/use-filters'
import { AgeGauge } from './AgeGauge'
import { ForecastCard } from './ForecastCard'
import { ItemHeader } from './ItemHeader'
import { LinkedJourney } from './LinkedJourney'
import { StateTimeline } from './StateTimeline'
import { WaitsOnCard } from './WaitsOnCard'
import { findingTitle } from '../data-quality/finding-groups'

function Journey(props: { journey: ItemJourneyResponse }) {
  const { journey } = props
  const ended = journey.end !== null
  return (
    <Stack gap="md">
      <ItemHeader journey={journey} />
      {ended && <FinishedTimes journey={journey} />}
      <ItemFindings quality={journey.dataQuality} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <AgeGauge
          ageDays={journey.ageDays}
          ended={ended}
          summary={journey.streamFlowTime}
          streams={journey.valueStreams}
        />
        <ForecastCard forecast={journey.forecast} ended={ended} />
      </SimpleGrid>
      {journey.waitsOn && <WaitsOnCard waitsOn={journey.waitsOn} />}
      <LinkedJourney links={journey.links} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <StateTimeline timeline={journey.timeline} asOf={journey.asOf} end={journey.end} />
        <TimePerStateChart item={journey.item.key} states={journey.timePerState} />
      </SimpleGrid>
    </Stack>
  )
}

/** The item's stored data-quality findings and what each does to the metrics (none: nothing shown). */
function ItemFindings(props: { quality: ItemJourneyResponse['dataQuality'] }) {
  const { findings, asOf } = props.quality
  if (findings.length === 0) return null
  return (
    <Alert
      color="blue"
      variant="light"
      title="Data-quality findings"
      data-testid="item-findings"
      icon={<IconInfoCircle size={18} aria-hidden />}
    >
      <List size="sm" spacing={2}>
        {findings.map((f) => (
          <List.Item key={f.flag}>
            <Text span fw={600} size="sm">
              {findingTitle(f.flag)}
            </Text>
            : {f.rule}
          </List.Item>
        ))}
      </List>
      <Text size="xs" c="dimmed" mt={4}>
        Stored at the last import or sync{asOf ? ` (as of ${asOf})` : ''};{' '}
        <Anchor component={Link} to="/data-quality" size="xs">
          all findings
        </Anchor>
      </Text>
    </Alert>
  )
}

/** A finished item's lead time (created → end) and flow time (start → end) against its stream. */
function FinishedTimes(props: { journey: ItemJourneyResponse }) {
  const { created } = props.journey.item
  const { start, end, streamFlowTime } = props.journey
  const days = (from: string | null) =>
    from && end ? (Date.parse(end) - Date.parse(from)) / 86_400_000 : null
  const flow = days(start)
  const p85 = streamFlowTime?.p85 ?? null
  return (
    <Text size="sm" data-testid="finished-times">
      Lead time {formatDays(days(created))} days (created → done), flow time{' '}
      {flow === null ? 'not measured (never started)' : `${formatDays(flow)} days (start → done)`}
      {flow !== null && p85 !== null && streamFlowTime
        ? `: ${flow <= streamFlowTime.p50 ? 'faster than half' : flow <= p85 ? 'within 85%' : 'slower than 85%'} of its stream's items (p50 ${formatDays(streamFlowTime.p50)}, p85 ${formatDays(p85)} days)`
        : ''}
    </Text>
  )
}

/** One item: where it is now, its journey, time per state, age against history and forecast. */
export default function ItemJourneyPage() {
  const { source = '', key = '' } = useParams()
  const { filters } = useFilters()
  const query = useItemJourneyQuery(source, key, scopeParams(filters).asOf)
  return (
    <>
      <PageHeader
        title="Where's my thing?"
        subtitle={
          <Group gap="md">
            <Anchor component={Link} to="/items" size="sm">
              ← Back to search
            </Anchor>
            {query.data && (
              // offered for an item that exists only
              <Anchor
                component={Link}
                to={`/forecast/set?epic=${encodeURIComponent(`${source}:${key}`)}`}
                size="sm"
              >
                Forecast it with everything below it as a set
              </Anchor>
            )}
          </Group>
        }
      />
      <LoadingPanel {...query} height={480}>
        {query.data && <Journey journey={query.data} />}
      </LoadingPanel>
    </>
  )
}
