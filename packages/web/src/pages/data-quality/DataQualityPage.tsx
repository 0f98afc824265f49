import { useState } from 'react'
import { useIsAdmin } from '../../api/queries/use-auth-queries'
import { Anchor, Badge, Button, Card, Code, Group, Stack, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import { useDataQualityQuery } from '../../api/queries/use-flow-queries'
import { scopeParams } from '../../api/scope-query'
import type { DataQualityResponse } from '../../api/types'
import { EmptyState } from '../../components/EmptyState'
import { LoadingPanel } from '../../components/LoadingPanel'
import { formatCount } from '../../format/numbers'
import type { Filters } from '../../state/filters'
import { filtersSearch, scopeWords } from '../../state/filters'
import { useFilters } from '../../state/use-filters'
import { PageHeader } from '../PageHeader'
import { itemPath } from '../items/item-path'
import type { FindingGroup } from './finding-groups'
import { findingGroups } from './finding-groups'

/** Items listed per finding before "Show all". */
const FIRST_ITEMS = 30

function FindingCard(props: { group: FindingGroup; filters: Filters }) {
  const { group } = props
  const [all, setAll] = useState(false)
  // the mapping is for admins: others are not sent to it
  const admin = useIsAdmin()
  const shown = all ? group.listed : group.listed.slice(0, FIRST_ITEMS)
  const headingId = `finding-${group.flag}`
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="section"
      aria-labelledby={headingId}
      data-testid={`finding-${group.flag}`}
    >
      <Group justify="space-between" mb={4}>
        <Title order={3} size="h5" id={headingId}>
          {group.title}
        </Title>
        <Badge variant="light" color="orange">
          {formatCount(group.items)} {group.items === 1 ? 'item' : 'items'}
        </Badge>
      </Group>
      <Text size="sm" mb="xs">
        <Text span fw={600}>
          What it does to the metrics:
        </Text>{' '}
        {group.rule}
      </Text>
      {group.treatable && admin && (
        <Text size="xs" c="dimmed" mb="xs">
          A mapping rule can correct it: <Code>{`- when: { finding: ${group.flag} }`}</Code> with{' '}
          <Code>treatAs: canceled</Code> or <Code>treatAs: excluded</Code> (
          <Anchor component={Link} to={`/mapping${filtersSearch(props.filters)}`} size="xs">
            open the mapping
          </Anchor>
          ).
        </Text>
      )}
      <Group gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {shown.map((item) => (
          <li key={`${item.source}:${item.key}`}>
            <Anchor component={Link} to={itemPath(item, props.filters)} size="sm">
              {item.source}:{item.key}
            </Anchor>
          </li>
        ))}
      </Group>
      {group.listed.length > FIRST_ITEMS && (
        <Button variant="subtle" size="xs" mt="xs" onClick={() => setAll((v) => !v)}>
          {all ? 'Show fewer' : `Show all ${formatCount(group.listed.length)} listed items`}
        </Button>
      )}
      {group.items > group.listed.length && (
        <Text size="xs" c="dimmed" mt={4}>
          {formatCount(group.items - group.listed.length)} more not listed (the page lists the first
          1,000 items with findings; vmo validate --db lists every one).
        </Text>
      )}
    </Card>
  )
}

function Findings(props: { report: DataQualityResponse; filters: Filters }) {
  const groups = findingGroups(props.report)
  return (
    <Stack gap="md">
      {groups.map((group) => (
        <FindingCard key={group.flag} group={group} filters={props.filters} />
      ))}
    </Stack>
  )
}

/**
 * Data quality (whoever maps and connects the tools): each data-quality finding of the filtered
 * items with its count, what it does to the metrics and the items behind it, linked to their pages.
 */
export default function DataQualityPage() {
  const { filters } = useFilters()
  const report = useDataQualityQuery(scopeParams(filters))
  const data = report.data
  return (
    <>
      <PageHeader
        title="Data quality"
        subtitle={`${scopeWords(filters) || 'All value streams'}${data ? ` · ${formatCount(data.itemsWithFindings)} of ${formatCount(data.itemsChecked)} items have findings · as of ${data.asOf}` : ''}`}
      />
      <LoadingPanel
        {...report}
        height={400}
        isEmpty={(d) => d.findings.length === 0}
        empty={
          <EmptyState title="No data-quality findings">
            Every item&apos;s history in this scope is consistent: nothing is corrected by a rule.
          </EmptyState>
        }
      >
        {data && <Findings report={data} filters={filters} />}
      </LoadingPanel>
    </>
  )
}
