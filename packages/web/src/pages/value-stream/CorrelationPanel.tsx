import { useResultCorrelationsQuery } from '../../api/queries/use-model-queries'
import type { ScopeParams } from '../../api/scope-query'
import { CorrelationMatrix } from '../../charts/CorrelationMatrix'
import { EmptyState } from '../../components/EmptyState'
import { LoadingPanel } from '../../components/LoadingPanel'

/** Flow ↔ results on the stream page, over the page's scope and periods. */
export function CorrelationPanel(props: { scope: ScopeParams }) {
  const correlations = useResultCorrelationsQuery(props.scope)
  return (
    <LoadingPanel
      {...correlations}
      height={360}
      isEmpty={(d) => d.results.length === 0}
      empty={
        <EmptyState title="No business results in this range to relate to flow">
          Record results per period (revenue, incidents, satisfaction…) to see how they move with
          the flow metrics.
        </EmptyState>
      }
    >
      {correlations.data && <CorrelationMatrix data={correlations.data} />}
    </LoadingPanel>
  )
}
