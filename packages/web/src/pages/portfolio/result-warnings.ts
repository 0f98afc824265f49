import type { ResultStatusListResponse } from '../../api/types'
import type { Warning } from '../../components/WarningList'
import { formatResultValue } from '../../format/numbers'
import { filtersSearch } from '../../state/filters'
import type { Filters } from '../../state/filters'

/** The warning code of a business result whose latest point misses its target. */
export const RESULT_OFF_TARGET = 'RESULT_OFF_TARGET'

/**
 * The portfolio's warnings for business results off target: one per result whose latest point
 * misses its target, naming the value, the target and its date, linking to the stream's page.
 */
export function resultWarnings(
  status: ResultStatusListResponse | undefined,
  filters: Filters,
): Warning[] {
  return (status?.results ?? [])
    .filter((r) => r.status === 'off_target' && r.latest !== null)
    .map(({ stream, metric, definition, latest }) => {
      const better = definition.direction === 'higher_is_better' ? 'at least' : 'at most'
      const by = definition.targetDate ? ` by ${definition.targetDate}` : ''
      return {
        code: RESULT_OFF_TARGET,
        message: `${stream}: ${metric} was ${formatResultValue(latest?.value)} ${definition.unit} on ${latest?.date}; the target is ${better} ${formatResultValue(definition.target)}${by}.`,
        link: {
          to: `/stream${filtersSearch({ ...filters, streams: [stream] })}`,
          label: `Open ${stream}`,
        },
      }
    })
}
