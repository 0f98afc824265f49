import { Alert, Anchor, Button, Code, Group, Text } from '@mantine/core'
import { IconCalendarEvent, IconDatabaseOff, IconRoute } from '@tabler/icons-react'
import { Link, useLocation } from 'react-router'
import { useStatusQuery } from '../api/queries/use-status-query'
import { formatCount } from '../format/numbers'
import { useFilters } from '../state/use-filters'
import { staleDataEnd } from './data-end'

/** Pages that explain the store's state themselves. */
const OWN_EXPLANATION = new Set(['/mapping', '/sources'])

/**
 * On every page, what the data allows: an empty store (how to import), items without a saved
 * mapping (a link to the workbench's suggestions), or data that ends long before today (the
 * as-of date offered, since figures as of today would show no recent work and endless ages).
 */
export function DataBanner() {
  const status = useStatusQuery()
  const { pathname } = useLocation()
  const { filters, setFilters } = useFilters()
  const data = status.data
  if (!data) return null
  if (data.items === 0) {
    if (OWN_EXPLANATION.has(pathname)) return null
    return (
      <Alert
        color="blue"
        variant="light"
        mb="md"
        icon={<IconDatabaseOff size={18} aria-hidden />}
        title="The store holds no work items yet"
        data-testid="data-banner"
      >
        <Text size="sm">
          Import a history file (<Code>vmo import history.ndjson</Code>, or a Jira CSV export) or{' '}
          <Anchor component={Link} to="/sources" size="sm" fw={600} underline="always">
            add a source
          </Anchor>
          ; then map its states and types in the{' '}
          <Anchor component={Link} to="/mapping" size="sm" fw={600} underline="always">
            mapping workbench
          </Anchor>
          .
        </Text>
      </Alert>
    )
  }
  if (data.mappingVersion === null) {
    if (pathname === '/mapping') return null
    return (
      <Alert
        color="orange"
        variant="light"
        mb="md"
        icon={<IconRoute size={18} aria-hidden />}
        title={`${formatCount(data.items)} work items, no mapping yet`}
        data-testid="data-banner"
      >
        <Text size="sm">
          Figures need the mapping of your tools&apos; states and types onto flow states and flow
          items.{' '}
          <Anchor component={Link} to="/mapping" size="sm" fw={600} underline="always">
            Start from the suggestions in the mapping workbench
          </Anchor>
        </Text>
      </Alert>
    )
  }
  const stale = staleDataEnd(data.dataEnd, Date.now())
  if (!stale || filters.asOf !== undefined || pathname === '/mapping') return null
  return (
    <Alert
      color="yellow"
      variant="light"
      mb="md"
      icon={<IconCalendarEvent size={18} aria-hidden />}
      title={`The data ends on ${stale.date}, ${formatCount(stale.daysAgo)} days ago`}
      data-testid="data-banner"
    >
      <Group gap="sm" justify="space-between" wrap="wrap">
        <Text size="sm" maw={720}>
          As of today, recent periods show no work and items still open look{' '}
          {formatCount(stale.daysAgo)}+ days old. Seen as of the day the data ends, every figure
          shows the work as it was then.
        </Text>
        <Button size="xs" variant="filled" onClick={() => setFilters({ asOf: stale.date })}>
          Show as of {stale.date}
        </Button>
      </Group>
    </Alert>
  )
}
