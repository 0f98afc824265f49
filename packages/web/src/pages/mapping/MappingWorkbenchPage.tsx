import { useMemo, useState } from 'react'
import { Alert, Button, Code, Collapse, Group, SimpleGrid, Stack, Text } from '@mantine/core'
import { IconDeviceFloppy, IconEye, IconRestore } from '@tabler/icons-react'
import { FLOW_ITEM_MAPPINGS, FLOW_STATES } from '@openvmo/core'
import type { FlowItemMapping, FlowState } from '@openvmo/core'
import {
  useMappingPreviewQuery,
  useMappingQuery,
  useSaveMappingMutation,
} from '../../api/queries/use-mapping-queries'
import type { MappingResponse } from '../../api/types'
import { LoadingPanel, errorMessage } from '../../components/LoadingPanel'
import { formatDate } from '../../format/numbers'
import { PageHeader } from '../PageHeader'
import { MappingSection } from './MappingSection'
import { PreviewPanel, UnmappedSummary } from './PreviewPanel'
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

function Workbench(props: { mapping: MappingResponse }) {
  const { mapping } = props
  const saved = useMemo(() => readAssignments(mapping.parsed), [mapping.parsed])
  const [types, setTypes] = useState<Map<string, FlowItemMapping>>(saved.types)
  const [states, setStates] = useState<Map<string, FlowState>>(saved.states)
  const [previewed, setPreviewed] = useState<string | undefined>()
  const [showYaml, setShowYaml] = useState(false)
  const draft = useMemo(
    () => writeAssignments(mapping.yaml, types, states),
    [mapping.yaml, types, states],
  )
  const base = useMappingPreviewQuery(mapping.yaml)
  const preview = useMappingPreviewQuery(previewed)
  const save = useSaveMappingMutation()
  const unmapped = base.data?.unmapped ?? { states: [], types: [] }
  const typeRows = workbenchRows(saved.types, types, unmapped.types)
  const stateRows = workbenchRows(saved.states, states, unmapped.states)
  const dirty = draft !== mapping.yaml
  const canSave = dirty && previewed === draft && preview.data?.valid === true
  const reset = () => {
    setTypes(saved.types)
    setStates(saved.states)
    setPreviewed(undefined)
  }
  return (
    <Stack gap="md">
      <LoadingPanel {...base} height={60}>
        <UnmappedSummary preview={base.data} />
      </LoadingPanel>
      <SimpleGrid cols={{ base: 1, xl: 2 }}>
        <MappingSection
          title="Artifact types → Flow Items"
          valueLabel="Artifact type"
          categories={FLOW_ITEM_MAPPINGS}
          rows={typeRows}
          onChange={(name, c) => setTypes((m) => assign(m, name, c))}
        />
        <MappingSection
          title="Tool states → flow states"
          valueLabel="Tool state"
          categories={FLOW_STATES}
          rows={stateRows}
          onChange={(name, c) => setStates((m) => assign(m, name, c))}
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
          Save
        </Button>
        <Button
          variant="default"
          leftSection={<IconRestore size={16} aria-hidden />}
          onClick={reset}
          disabled={!dirty}
        >
          Reset
        </Button>
        <Button variant="subtle" onClick={() => setShowYaml((v) => !v)} aria-expanded={showYaml}>
          {showYaml ? 'Hide' : 'Show'} the mapping file
        </Button>
        {dirty && previewed !== draft && (
          <Text size="sm" c="dimmed">
            Preview the change to enable saving.
          </Text>
        )}
      </Group>
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

/** Mapping workbench: artifact types → Flow Items and tool states → flow states, with a preview. */
export default function MappingWorkbenchPage() {
  const query = useMappingQuery()
  const mapping = query.data
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
      <LoadingPanel {...query} height={400}>
        {mapping && <Workbench key={mapping.version ?? 'none'} mapping={mapping} />}
      </LoadingPanel>
    </>
  )
}
