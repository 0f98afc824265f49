import { useMemo } from 'react'
import { Group, MultiSelect, SegmentedControl, Select, TextInput } from '@mantine/core'
import { FLOW_ITEM_TYPES, isFlowItemType } from '@openvmo/core'
import { useTeamsQuery, useValueStreamsQuery } from '../api/queries/use-model-queries'
import { FILTER_PERIODS } from '../state/filters'
import type { FilterPeriod } from '../state/filters'
import { useFilters } from '../state/use-filters'
import { label } from '../charts/chart-common'

function timeZones(): string[] {
  const zones =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return ['UTC', ...zones.filter((zone) => zone !== 'UTC')]
}

const TYPE_OPTIONS = FLOW_ITEM_TYPES.map((type) => ({ value: type, label: label(type) }))
const PERIOD_OPTIONS = FILTER_PERIODS.map((period) => ({ value: period, label: label(period) }))

/** The global filters (stream, team, types, period, range, time zone), read from and written to the URL. */
export function FilterBar() {
  const { filters, setFilters } = useFilters()
  const streams = useValueStreamsQuery()
  const teams = useTeamsQuery()
  const zones = useMemo(timeZones, [])
  const streamOptions = streams.data?.valueStreams.map((s) => s.name) ?? []
  const teamOptions = teams.data?.items.map((t) => t.name) ?? []
  return (
    <Group gap="xs" wrap="wrap" align="flex-end" role="search" aria-label="Filters">
      <Select
        size="xs"
        w={170}
        label="Value stream"
        placeholder="All streams"
        data={streamOptions}
        value={filters.stream ?? null}
        onChange={(value) => setFilters({ stream: value ?? undefined })}
        clearable
        searchable
        nothingFoundMessage="No such stream"
      />
      <Select
        size="xs"
        w={150}
        label="Team"
        placeholder="All teams"
        data={teamOptions}
        value={filters.team ?? null}
        onChange={(value) => setFilters({ team: value ?? undefined })}
        clearable
        searchable
        nothingFoundMessage="No such team"
      />
      <MultiSelect
        size="xs"
        w={200}
        label="Flow items shown"
        placeholder={filters.types.length ? undefined : 'All types'}
        data={TYPE_OPTIONS}
        value={filters.types}
        onChange={(values) => setFilters({ types: values.filter(isFlowItemType) })}
        clearable
      />
      <div>
        <label
          htmlFor="filter-period"
          style={{ display: 'block', fontSize: 12, fontWeight: 500, marginBottom: 2 }}
        >
          Period
        </label>
        <SegmentedControl
          id="filter-period"
          size="xs"
          data={PERIOD_OPTIONS}
          value={filters.period}
          onChange={(value) => setFilters({ period: value as FilterPeriod })}
          aria-label="Period"
        />
      </div>
      <TextInput
        size="xs"
        w={140}
        type="date"
        label="From"
        value={filters.from ?? ''}
        onChange={(event) => setFilters({ from: event.currentTarget.value || undefined })}
      />
      <TextInput
        size="xs"
        w={140}
        type="date"
        label="To (exclusive)"
        value={filters.to ?? ''}
        onChange={(event) => setFilters({ to: event.currentTarget.value || undefined })}
      />
      <Select
        size="xs"
        w={170}
        label="Time zone"
        placeholder="Mapping's zone"
        data={zones}
        value={filters.tz ?? null}
        onChange={(value) => setFilters({ tz: value ?? undefined })}
        clearable
        searchable
        limit={50}
      />
    </Group>
  )
}
