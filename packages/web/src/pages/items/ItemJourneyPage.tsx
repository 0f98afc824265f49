import { Anchor, Group, SimpleGrid, Stack } from '@mantine/core'
import { Link, useParams } from 'react-router'
import { useItemJourneyQuery } from '../../api/queries/use-item-queries'
import type { ItemJourneyResponse } from '../../api/types'
import { TimePerStateChart } from '../../charts/TimePerStateChart'
import { LoadingPanel } from '../../components/LoadingPanel'
import { PageHeader } from '../PageHeader'
import { AgeGauge } from './AgeGauge'
import { ForecastCard } from './ForecastCard'
import { ItemHeader } from './ItemHeader'
import { LinkedJourney } from './LinkedJourney'
import { StateTimeline } from './StateTimeline'

function Journey(props: { journey: ItemJourneyResponse }) {
  const { journey } = props
  const ended = journey.end !== null
  return (
    <Stack gap="md">
      <ItemHeader journey={journey} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <AgeGauge
          ageDays={journey.ageDays}
          ended={ended}
          summary={journey.streamFlowTime}
          streams={journey.valueStreams}
        />
        <ForecastCard forecast={journey.forecast} ended={ended} />
      </SimpleGrid>
      <LinkedJourney links={journey.links} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <StateTimeline timeline={journey.timeline} asOf={journey.asOf} />
        <TimePerStateChart item={journey.item.key} states={journey.timePerState} />
      </SimpleGrid>
    </Stack>
  )
}

/** One item: where it is now, its journey, time per state, age against history and forecast. */
export default function ItemJourneyPage() {
  const { source = '', key = '' } = useParams()
  const query = useItemJourneyQuery(source, key)
  return (
    <>
      <PageHeader
        title="Where's my thing?"
        subtitle={
          <Group gap="md">
            <Anchor component={Link} to="/items" size="sm">
              ← Back to search
            </Anchor>
            <Anchor
              component={Link}
              to={`/forecast/set?epic=${encodeURIComponent(`${source}:${key}`)}`}
              size="sm"
            >
              Forecast it with everything below it as a set
            </Anchor>
          </Group>
        }
      />
      <LoadingPanel {...query} height={480}>
        {query.data && <Journey journey={query.data} />}
      </LoadingPanel>
    </>
  )
}
