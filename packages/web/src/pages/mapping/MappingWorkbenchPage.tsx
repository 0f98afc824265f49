import { useMemo, useState } from 'react'
import {
  Alert,
  Anchor,
  Button,
  Code,
  Collapse,
  Group,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core'
import {
  IconDatabaseOff,
  IconDeviceFloppy,
  IconEye,
  IconRestore,
  IconSparkles,
} from '@tabler/icons-react'
import { Link } from 'react-router'
import { FLOW_ITEM_MAPPINGS, FLOW_STATES } from '@openvmo/core'
import type { FlowItemMapping, FlowState } from '@openvmo/core'
import {
  useMappingPreviewQuery,
  useMappingQuery,
  useMappingSuggestionQuery,
  useSaveMappingMutation,
} from '../../api/queries/use-mapping-queries'
import type {
  MappingResponse,
  MappingSuggestionResponse,
  UnmappedValueResponse,
} from '../../api/types'
import { useStatusQuery } from '../../api/queries/use-status-query'
import { EmptyState } from '../../components/EmptyState'
import { staleDataEnd } from '../../layout/data-end'
import { useFilters } from '../../state/use-filters'
import { LoadingPanel, errorMessage } from '../../components/LoadingPanel'
import { formatCount, formatDate } from '../../format/numbers'
import { PageHeader } from '../PageHeader'
import { MappingSection } from './MappingSection'
import type { ValueInData } from './MappingSection'
import { RulesSection, StreamsSection } from './ModelSections'
import { PreviewPanel, UnmappedSummary } from './PreviewPanel'
import type { RuleDraft, StreamDraft } from './mapping-model'
import { readRules, readStreams, suggestedAssignments, writeModel } from './mapping-model'
import { readAssignments, writeAssignments } from './mapping-yaml'
import { workbenchRows } from './workbench-rows'

function assign<C extends string>(
  map: ReadonlyMap<string, C>,
  name: string,
  category: C | undefined,
): Map<string, C> {
  const next = new Map(map)
  if (category) next.set(name, category)
  else next.delete(name)
  return next
}

function inDataOf<C extends string>(
  values: readonly { name: string; items: number; suggested: C; by: ValueInData<C>['by'] }[],
): Map<string, ValueInData<C>> {
  const out = new Map<string, ValueInData<C>>()
  for (const v of values) {
    const id = v.name.toLowerCase()
    const known = out.get(id)
    out.set(id, { items: (known?.items ?? 0) + v.items, suggested: v.suggested, by: v.by })
  }
  return out
}

const asUnmapped = (values: readonly { source: string; name: string; items: number }[]) =>
  values.map((v): UnmappedValueResponse => ({ source: v.source, name: v.name, items: v.items }))

/** Fills the values the draft leaves unmapped with the suggestion's category for them. */
function withSuggestions<C extends string>(
  draft: ReadonlyMap<string, C>,
  unmapped: readonly UnmappedValueResponse[],
  inData: ReadonlyMap<string, ValueInData<C>>,
): Map<string, C> {
  const next = new Map(draft)
  const drafted = new Set([...draft.keys()].map((k) => k.toLowerCase()))
  for (const value of unmapped) {
    const known = inData.get(value.name.toLowerCase())
    if (known && !drafted.has(value.name.toLowerCase())) next.set(value.name, known.suggested)
  }
  return next
}

/**
 * The as-of instant of the previews: the filters' as-of date, else the day the data ends when
 * that is long ago (an archive: as of today, the preview's 12 weeks would hold no work).
 */
function usePreviewAsOf(): string | undefined {
  const { filters } = useFilters()
  const status = useStatusQuery()
  const day = filters.asOf ?? staleDataEnd(status.data?.dataEnd, Date.now())?.date
  return day ? `${day}T23:59:59Z` : undefined
}

function Workbench(props: {
  mapping: MappingResponse
  suggestion: MappingSuggestionResponse
  /** The page's save (it outlives this component, which a saved version remounts). */
  save: ReturnType<typeof useSaveMappingMutation>
}) {
  const { mapping, suggestion } = props
  const first = mapping.version === null
  // The first mapping starts from `vmo map suggest`'s file, later ones from the saved text.
  const baseText = first ? suggestion.yaml : mapping.yaml
  const saved = useMemo(() => readAssignments(mapping.parsed), [mapping.parsed])
  const start = useMemo(
    () => (first ? suggestedAssignments(suggestion) : saved),
    [first, suggestion, saved],
  )
  const [types, setTypes] = useState<Map<string, FlowItemMapping>>(start.types)
  const [states, setStates] = useState<Map<string, FlowState>>(start.states)
  const [rules, setRules] = useState<RuleDraft[] | undefined>()
  const [streams, setStreams] = useState<StreamDraft[] | undefined>()
  const [previewed, setPreviewed] = useState<string | undefined>()
  const [showYaml, setShowYaml] = useState(false)
  const shownRules = rules ?? readRules(mapping.parsed)
  const shownStreams = streams ?? readStreams(mapping.parsed)
  const draft = useMemo(
    () => writeModel(writeAssignments(baseText, types, states), { rules, streams }),
    [baseText, types, states, rules, streams],
  )
  const asOf = usePreviewAsOf()
  const base = useMappingPreviewQuery(first ? undefined : mapping.yaml, asOf)
  const preview = useMappingPreviewQuery(previewed, asOf)
  const { save } = props
  const typeData = useMemo(() => inDataOf(suggestion.types), [suggestion.types])
  const stateData = useMemo(() => inDataOf(suggestion.statuses), [suggestion.statuses])
  // Before the first save nothing is mapped: every value of the data is listed as unmapped.
  const unmapped = first
    ? { types: asUnmapped(suggestion.types), states: asUnmapped(suggestion.statuses) }
    : (base.data?.unmapped ?? { states: [], types: [] })
  const typeRows = workbenchRows(saved.types, types, unmapped.types)
  const stateRows = workbenchRows(saved.states, states, unmapped.states)
  const dirty = draft !== mapping.yaml
  const undrafted = [...typeRows, ...stateRows].filter(
    (r) => r.unmappedItems !== undefined && r.draft === undefined,
  ).length
  const canSave =
    dirty && mapping.saving.allowed && previewed === draft && preview.data?.valid === true
  const reset = () => {
    setTypes(start.types)
    setStates(start.states)
    setRules(undefined)
    setStreams(undefined)
    setPreviewed(undefined)
  }
  const fillSuggestions = () => {
    setTypes((m) => withSuggestions(m, unmapped.types, typeData))
    setStates((m) => withSuggestions(m, unmapped.states, stateData))
  }
  return (
    <Stack gap="md">
      {first ? (
        <Alert
          color="blue"
          variant="light"
          icon={<IconSparkles size={18} aria-hidden />}
          title={`No mapping is saved yet: suggestions for ${formatCount(suggestion.items)} work items`}
          data-testid="first-mapping"
        >
          Every tool state and artifact type of the data is listed with the flow state or flow item
          that <Code>vmo map suggest</Code> proposes and why; those marked &ldquo;guessed:
          review&rdquo; deserve a look. Change what is wrong, add value streams and rules, preview,
          then save the first version.
        </Alert>
      ) : (
        <LoadingPanel {...base} height={60}>
          <UnmappedSummary preview={base.data} />
        </LoadingPanel>
      )}
      {!first && undrafted > 0 && (
        <Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconSparkles size={14} aria-hidden />}
            onClick={fillSuggestions}
          >
            Use the suggestions for the {undrafted} unmapped values
          </Button>
        </Group>
      )}
      <SimpleGrid cols={{ base: 1, xl: 2 }}>
        <MappingSection
          title="Artifact types → Flow Items"
          valueLabel="Artifact type"
          categories={FLOW_ITEM_MAPPINGS}
          rows={typeRows}
          inData={typeData}
          onChange={(name, c) => setTypes((m) => assign(m, name, c))}
        />
        <MappingSection
          title="Tool states → flow states"
          valueLabel="Tool state"
          categories={FLOW_STATES}
          rows={stateRows}
          inData={stateData}
          onChange={(name, c) => setStates((m) => assign(m, name, c))}
        />
      </SimpleGrid>
      <SimpleGrid cols={1}>
        <StreamsSection streams={shownStreams} fields={suggestion.fields} onChange={setStreams} />
        <RulesSection
          rules={shownRules}
          fields={suggestion.fields}
          statuses={[...new Set(suggestion.statuses.map((s) => s.name))]}
          onChange={setRules}
        />
      </SimpleGrid>
      <Group gap="xs">
        <Button
          variant="light"
          leftSection={<IconEye size={16} aria-hidden />}
          onClick={() => setPreviewed(draft)}
          loading={preview.isFetching}
          disabled={!dirty}
        >
          Preview
        </Button>
        <Button
          leftSection={<IconDeviceFloppy size={16} aria-hidden />}
          variant="filled"
          disabled={!canSave}
          loading={save.isPending}
          onClick={() => save.mutate({ yaml: draft, version: mapping.version })}
        >
          {first ? 'Save the first version' : 'Save'}
        </Button>
        <Button
          variant="default"
          leftSection={<IconRestore size={16} aria-hidden />}
          onClick={reset}
          disabled={draft === writeModel(writeAssignments(baseText, start.types, start.states), {})}
        >
          Reset
        </Button>
        <Button variant="subtle" onClick={() => setShowYaml((v) => !v)} aria-expanded={showYaml}>
          {showYaml ? 'Hide' : 'Show'} the mapping file
        </Button>
        {mapping.saving.allowed && dirty && previewed !== draft && (
          <Text size="sm" c="dimmed">
            Preview the change to enable saving.
          </Text>
        )}
      </Group>
      {!mapping.saving.allowed && (
        <Alert color="gray" variant="light" title="Saving is not possible here" role="note">
          {mapping.saving.reason} Save the file with <Code>vmo map save openvmo.yaml</Code> on the
          server&apos;s machine.
        </Alert>
      )}
      {save.error && (
        <Alert color="red" title="Not saved">
          {errorMessage(save.error)}
        </Alert>
      )}
      <Collapse in={showYaml}>
        <Code block aria-label="Draft mapping file">
          {draft}
        </Code>
      </Collapse>
      {previewed !== undefined && (
        <LoadingPanel {...preview} height={200}>
          {preview.data && <PreviewPanel preview={preview.data} />}
        </LoadingPanel>
      )}
    </Stack>
  )
}

/** An empty store: nothing to map, and how to bring data in. */
function NothingToMap() {
  return (
    <EmptyState title="Nothing to map yet" icon={<IconDatabaseOff size={26} />}>
      <span data-testid="nothing-to-map">
        The store holds no work items. Import a history file (<Code>vmo import history.ndjson</Code>
        , or a Jira CSV export with <Code>vmo import issues.csv --source jira</Code>) or{' '}
        <Anchor component={Link} to="/sources" underline="always">
          add a source
        </Anchor>{' '}
        and sync it; its states and types then show here with suggestions.
      </span>
    </EmptyState>
  )
}

/**
 * Mapping workbench: starts from the data (the suggestions of `vmo map suggest` while no mapping
 * is saved), artifact types → Flow Items, tool states → flow states, value streams and rules,
 * with a preview of the metrics before saving.
 */
export default function MappingWorkbenchPage() {
  const query = useMappingQuery()
  const suggestion = useMappingSuggestionQuery()
  const save = useSaveMappingMutation()
  const savedVersion = save.data?.version
  const mapping = query.data
  const loading = {
    data: mapping && suggestion.data ? { mapping, suggestion: suggestion.data } : undefined,
    error: query.error ?? suggestion.error,
    isLoading: query.isLoading || suggestion.isLoading,
  }
  return (
    <>
      <PageHeader
        title="Mapping workbench"
        subtitle={
          mapping
            ? `openvmo.yaml · ${mapping.version === null ? 'not saved yet' : `version ${mapping.version}, saved ${formatDate(mapping.createdAt)}`}`
            : 'Map artifact types and tool states'
        }
      />
      {savedVersion !== undefined && (
        <Alert
          color="teal"
          variant="light"
          mb="md"
          title={`Saved as version ${savedVersion}`}
          data-testid="mapping-saved"
          withCloseButton
          onClose={() => save.reset()}
        >
          Every figure is computed with it now.{' '}
          <Anchor component={Link} to="/" fw={600} underline="always">
            See the overview
          </Anchor>
        </Alert>
      )}
      <LoadingPanel
        {...loading}
        height={400}
        isEmpty={(d) => d.mapping.items === 0}
        empty={<NothingToMap />}
      >
        {loading.data && (
          <Workbench
            key={loading.data.mapping.version ?? 'none'}
            mapping={loading.data.mapping}
            suggestion={loading.data.suggestion}
            save={save}
          />
        )}
      </LoadingPanel>
    </>
  )
}
