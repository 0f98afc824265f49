import { useMemo } from 'react'
import { Group, MultiSelect, SegmentedControl, Select, TextInput } from '@mantine/core'
import { FLOW_ITEM_TYPES, isFlowItemType } from '@openvmo/core'
import { useLocation } from 'react-router'
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

/** Picked values stay on one line (the header has a fixed height); the list shows them all. */
const ONE_LINE = { pillsList: { flexWrap: 'nowrap', overflow: 'hidden' } } as const

const TYPE_OPTIONS = FLOW_ITEM_TYPES.map((type) => ({ value: type, label: label(type) }))
const PERIOD_OPTIONS = FILTER_PERIODS.map((period) => ({ value: period, label: label(period) }))

/**
 * The teams to offer: those of the chosen streams (by the value-stream list's teams), or every
 * team when no stream is chosen.
 */
export function teamsOffered(
  all: readonly string[],
  streams: readonly { name: string; teams: readonly string[] }[],
  chosen: readonly string[],
): string[] {
  if (chosen.length === 0) return [...all]
  const wanted = new Set(chosen.map((c) => c.toLowerCase()))
  const teams = new Set(
    streams.filter((s) => wanted.has(s.name.toLowerCase())).flatMap((s) => s.teams),
  )
  return [...teams].sort((a, b) => a.localeCompare(b))
}

/** Pages with their own filters, where the global ones would narrow nothing (not offered there). */
const OWN_FILTERS = new Set(['/items'])

/** Whether the page at `pathname` shows the global filters. */
export function showsGlobalFilters(pathname: string): boolean {
  return !OWN_FILTERS.has(pathname)
}

/**
 * The global filters (stream, team, types, period, range, time zone), read from and written to
 * the URL; not shown on pages with their own (the item search).
 */
export function FilterBar() {
  const { filters, setFilters } = useFilters()
  const { pathname } = useLocation()
  const streams = useValueStreamsQuery()
  const teams = useTeamsQuery()
  const zones = useMemo(timeZones, [])
  const streamOptions = streams.data?.valueStreams.map((s) => s.name) ?? []
  const teamOptions = teamsOffered(
    teams.data?.items.map((t) => t.name) ?? [],
    streams.data?.valueStreams ?? [],
    filters.streams,
  )
  const pickStreams = (names: string[]) => {
    const offered = teamsOffered(teamOptions, streams.data?.valueStreams ?? [], names)
    setFilters({ streams: names, teams: filters.teams.filter((t) => offered.includes(t)) })
  }
  if (!showsGlobalFilters(pathname)) return null
  return (
    <Group gap="xs" wrap="wrap" align="flex-end" role="search" aria-label="Filters">
      <MultiSelect
        size="xs"
        w={190}
        label="Value stream"
        placeholder={filters.streams.length ? undefined : 'All streams'}
        data={streamOptions}
        value={filters.streams}
        onChange={pickStreams}
        clearable
        searchable
        styles={ONE_LINE}
        nothingFoundMessage="No such stream"
      />
      <MultiSelect
        size="xs"
        w={170}
        label="Team"
        placeholder={filters.teams.length ? undefined : 'All teams'}
        data={teamOptions}
        value={filters.teams}
        onChange={(values) => setFilters({ teams: values })}
        clearable
        searchable
        styles={ONE_LINE}
        nothingFoundMessage="No team in the chosen streams"
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
        styles={ONE_LINE}
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
        label="As of (end of day, UTC)"
        value={filters.asOf ?? ''}
        onChange={(event) => setFilters({ asOf: event.currentTarget.value || undefined })}
      />
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
