import { Card, SimpleGrid, Stack, Title } from '@mantine/core'
import { useNavigate, useSearchParams } from 'react-router'
import {
  useAgingQuery,
  useCumulativeFlowQuery,
  useLittlesLawQuery,
  useTimeInStateQuery,
} from '../../api/queries/use-flow-queries'
import type { ScopeParams } from '../../api/scope-query'
import { scopeParams } from '../../api/scope-query'
import type { AgingWipResponse, TimeInStateResponse } from '../../api/types'
import { AgingWipChart } from '../../charts/AgingWipChart'
import { CumulativeFlowChart } from '../../charts/CumulativeFlowChart'
import { useChangeMarkers } from '../../charts/use-change-markers'
import { TimeInStateChart } from '../../charts/TimeInStateChart'
import { DataNotices, NoticeEmptyState } from '../../components/DataNotices'
import { EmptyState } from '../../components/EmptyState'
import { LoadingPanel } from '../../components/LoadingPanel'
import { formatCount, formatRange } from '../../format/numbers'
import type { Filters } from '../../state/filters'
import { scopeWords, singleStream } from '../../state/filters'
import { useFilters } from '../../state/use-filters'
import { PageHeader } from '../PageHeader'
import { itemPath } from '../items/item-path'
import { BottleneckTable } from './BottleneckTable'
import { EfficiencyByState } from './EfficiencyByState'
import { LittlesLawCard } from './LittlesLawCard'
import { StateDrillDown } from './StateDrillDown'
import { bottleneckRows } from './bottleneck-rows'
import type { DrillList, DrillState } from './drill-state'
import { readDrill, writeDrill } from './drill-state'

/** Why the bottleneck finder has no row, and what would give it some. */
function noWaitingReason(tis: TimeInStateResponse): string {
  const lead =
    'The bottleneck finder ranks the waiting and new states the completed items passed through; none did'
  if (tis.completedWithoutStatusHistory * 2 >= tis.completedItems) {
    return `${lead}: ${formatCount(tis.completedWithoutStatusHistory)} of ${formatCount(tis.completedItems)} ${tis.completedWithoutStatusHistory === 1 ? 'has' : 'have'} no status change between created and resolved. Import the changelog (the status history) to see where work waits.`
  }
  return `${lead}. Map the tool states where work waits (To Do, Ready, Blocked…) to waiting in the mapping workbench.`
}

function Bottlenecks(props: {
  tis: TimeInStateResponse
  aging: AgingWipResponse | undefined
  scope: ScopeParams
  filters: Filters
}) {
  // The open drill-down lives in the URL (`state`, `stateSource`, `stateList`): shareable, reloadable.
  const [params, setParams] = useSearchParams()
  const drill = readDrill(params)
  const open = (state: DrillState, list: DrillList = 'now') =>
    setParams((current) => writeDrill(current, { state, list }), { preventScrollReset: true })
  const rows = bottleneckRows(props.tis, props.aging)
  const id = drill && `${drill.state.source}:${drill.state.status}`
  return (
    <Stack gap="md">
      <SimpleGrid cols={1}>
        <TimeInStateChart
          data={props.tis}
          onPick={(s) => open({ source: s.source, status: s.status })}
        />
        {rows.length > 0 ? (
          <BottleneckTable
            rows={rows}
            covers={props.tis}
            selected={id}
            onSelect={(r) => open({ source: r.source, status: r.status })}
          />
        ) : (
          <Card withBorder radius="md" padding="md" data-testid="no-bottlenecks">
            <EmptyState title="No waiting state to rank">{noWaitingReason(props.tis)}</EmptyState>
          </Card>
        )}
      </SimpleGrid>
      {drill && (
        <StateDrillDown
          key={id}
          scope={props.scope}
          filters={props.filters}
          aging={props.aging}
          state={drill.state}
          list={drill.list}
          onList={(list) => open(drill.state, list)}
        />
      )}
    </Stack>
  )
}

function FlowView(props: { scope: ScopeParams; filters: Filters }) {
  const navigate = useNavigate()
  const cfd = useCumulativeFlowQuery(props.scope)
  const tis = useTimeInStateQuery(props.scope)
  const aging = useAgingQuery(props.scope)
  const littles = useLittlesLawQuery(props.scope)
  const markers = useChangeMarkers(singleStream(props.filters))
  return (
    <Stack gap="md">
      <LoadingPanel {...cfd} height={380} isEmpty={(d) => d.bands.length === 0}>
        {cfd.data && <CumulativeFlowChart data={cfd.data} markers={markers} />}
      </LoadingPanel>
      <Title order={3} size="h4">
        Time in state and bottlenecks
      </Title>
      <LoadingPanel
        {...tis}
        height={320}
        isEmpty={(d) => d.completedItems === 0 || d.states.length === 0}
        empty={
          <NoticeEmptyState
            title={
              tis.data?.completedItems
                ? 'No time in a waiting or active state'
                : 'No item completed in this range'
            }
            notices={tis.data?.notices ?? []}
            fallback="time in state is measured on completed items; widen the range"
          />
        }
      >
        {tis.data && (
          <Stack gap="md">
            <DataNotices notices={tis.data.notices} />
            <Bottlenecks
              tis={tis.data}
              aging={aging.data}
              scope={props.scope}
              filters={props.filters}
            />
          </Stack>
        )}
      </LoadingPanel>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <LoadingPanel
          {...tis}
          height={200}
          isEmpty={(d) => d.completedItems === 0}
          empty={
            <EmptyState title="No flow efficiency by state">
              It is measured on the items completed in the range, as time in state is.
            </EmptyState>
          }
        >
          {tis.data && <EfficiencyByState data={tis.data} />}
        </LoadingPanel>
        <LoadingPanel {...littles} height={200}>
          {littles.data && <LittlesLawCard check={littles.data.littlesLaw} />}
        </LoadingPanel>
      </SimpleGrid>
      <Title order={3} size="h4">
        Aging work in progress
      </Title>
      <LoadingPanel
        {...aging}
        height={360}
        isEmpty={(d) => d.items.length === 0}
        empty={
          <NoticeEmptyState
            title="No item in progress"
            notices={aging.data?.notices ?? []}
            fallback="aging needs items started and not finished at the as-of date"
          />
        }
      >
        {aging.data && (
          <Stack gap="md">
            <DataNotices notices={aging.data.notices} />
            <AgingWipChart
              data={aging.data}
              types={props.filters.types}
              onPick={(item) => navigate(itemPath(item, props.filters))}
            />
          </Stack>
        )}
      </LoadingPanel>
    </Stack>
  )
}

/** Flow analysis (Value Stream Architect): CFD, time in state, bottlenecks, aging work, Little's law. */
export default function FlowAnalysisPage() {
  const { filters } = useFilters()
  const scope = scopeParams(filters)
  const cfd = useCumulativeFlowQuery(scope)
  return (
    <>
      <PageHeader
        title="Flow analysis"
        subtitle={`${scopeWords(filters) || 'All value streams'}${cfd.data ? ` · ${formatRange(cfd.data.from, cfd.data.to)} · ${cfd.data.timezone}` : ''}`}
      />
      <FlowView scope={scope} filters={filters} />
    </>
  )
}
