import { SimpleGrid, Stack, Title } from '@mantine/core'
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
import { TimeInStateChart } from '../../charts/TimeInStateChart'
import { EmptyState } from '../../components/EmptyState'
import { LoadingPanel } from '../../components/LoadingPanel'
import { formatRange } from '../../format/numbers'
import type { Filters } from '../../state/filters'
import { scopeWords } from '../../state/filters'
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
        <BottleneckTable
          rows={rows}
          covers={props.tis}
          selected={id}
          onSelect={(r) => open({ source: r.source, status: r.status })}
        />
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
  return (
    <Stack gap="md">
      <LoadingPanel {...cfd} height={380} isEmpty={(d) => d.bands.length === 0}>
        {cfd.data && <CumulativeFlowChart data={cfd.data} />}
      </LoadingPanel>
      <Title order={3} size="h4">
        Time in state and bottlenecks
      </Title>
      <LoadingPanel
        {...tis}
        height={320}
        isEmpty={(d) => d.completedItems === 0}
        empty={
          <EmptyState title="No item completed in this range">
            Time in state is measured on completed items; widen the range.
          </EmptyState>
        }
      >
        {tis.data && (
          <Bottlenecks
            tis={tis.data}
            aging={aging.data}
            scope={props.scope}
            filters={props.filters}
          />
        )}
      </LoadingPanel>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <LoadingPanel {...tis} height={200} isEmpty={(d) => d.completedItems === 0}>
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
        empty={<EmptyState title="No item in progress" />}
      >
        {aging.data && (
          <AgingWipChart
            data={aging.data}
            types={props.filters.types}
            onPick={(item) => navigate(itemPath(item, props.filters))}
          />
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
