import { useState } from 'react'
import { Alert, Anchor, Button, Group, Stack, Text, Textarea } from '@mantine/core'
import { IconDeviceFloppy, IconEye, IconRestore } from '@tabler/icons-react'
import { Link } from 'react-router'
import { useMeQuery } from '../../api/queries/use-auth-queries'
import {
  useSaveStreamDefinitionMutation,
  useStreamDefinitionPreviewQuery,
  useStreamDefinitionQuery,
} from '../../api/queries/use-stream-definition-queries'
import { ApiError } from '../../api/client'
import type { StreamDefinitionResponse } from '../../api/types'
import { canEditStream } from '../../auth/can-edit'
import { LoadingPanel, errorMessage } from '../../components/LoadingPanel'
import { filtersSearch, singleStream } from '../../state/filters'
import { useFilters } from '../../state/use-filters'
import { PageHeader } from '../PageHeader'
import { PreviewPanel } from '../mapping/PreviewPanel'
import { StreamPicker } from '../StreamPicker'

const MONOSPACE = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } }

/** Words for a failed save: a conflict says what to do. */
function saveError(error: Error): string {
  if (error instanceof ApiError && error.status === 409) {
    return 'Someone saved the mapping meanwhile. Reload to get the current definition, then make your change again.'
  }
  return errorMessage(error)
}

type SaveMutation = ReturnType<typeof useSaveStreamDefinitionMutation>

function Editor(props: {
  stream: string
  definition: StreamDefinitionResponse
  save: SaveMutation
}) {
  const { stream, definition, save } = props
  const [draft, setDraft] = useState(definition.yaml)
  const [previewed, setPreviewed] = useState<string | undefined>(undefined)
  const preview = useStreamDefinitionPreviewQuery(stream, previewed)
  const changed = draft !== definition.yaml
  const validPreview = previewed === draft && preview.data?.valid === true
  return (
    <Stack gap="md">
      {!definition.saving.allowed && (
        <Alert color="orange" variant="light" title="Saving is not possible here">
          {definition.saving.reason}
        </Alert>
      )}
      <Textarea
        label={`Definition of ${stream} (YAML, mapping version ${definition.version})`}
        description="valueStreams: this stream's match (which items belong to it) and distribution target; teams and products: those of this stream. Preview before saving."
        value={draft}
        onChange={(e) => setDraft(e.currentTarget.value)}
        autosize
        minRows={8}
        maxRows={30}
        spellCheck={false}
        wrap="off"
        styles={MONOSPACE}
        data-testid="stream-definition"
      />
      <Group gap="xs">
        <Button
          leftSection={<IconEye size={16} />}
          variant="light"
          onClick={() => setPreviewed(draft)}
          loading={preview.isFetching}
        >
          Preview
        </Button>
        <Button
          leftSection={<IconDeviceFloppy size={16} />}
          disabled={!changed || !validPreview || !definition.saving.allowed}
          loading={save.isPending}
          onClick={() => save.mutate({ yaml: draft, version: definition.version })}
        >
          Save as the next mapping version
        </Button>
        <Button
          leftSection={<IconRestore size={16} />}
          variant="subtle"
          disabled={!changed}
          onClick={() => {
            setDraft(definition.yaml)
            setPreviewed(undefined)
          }}
        >
          Undo my changes
        </Button>
      </Group>
      {save.isError && (
        <Alert color="red" variant="light" title="Not saved">
          {save.error && saveError(save.error)}
        </Alert>
      )}
      {changed && !validPreview && (
        <Text size="sm" c="dimmed">
          Preview the change; a definition without problems can then be saved.
        </Text>
      )}
      {preview.error && (
        <Alert color="red" variant="light" title="The preview failed">
          {errorMessage(preview.error)}
        </Alert>
      )}
      {preview.data && previewed === draft && <PreviewPanel preview={preview.data} />}
    </Stack>
  )
}

/**
 * Stream definition (editors of a stream): which items belong to the stream, its distribution
 * target, its teams and products, as the part of the mapping file that is the stream's own.
 */
export default function StreamDefinitionPage() {
  const { filters } = useFilters()
  const stream = singleStream(filters)
  const me = useMeQuery()
  const may = stream !== undefined && canEditStream(me.data, stream)
  const definition = useStreamDefinitionQuery(stream ?? '', may)
  const save = useSaveStreamDefinitionMutation(stream ?? '')
  if (!stream) {
    return (
      <>
        <PageHeader title="Stream definition" subtitle="Pick the value stream to define" />
        <StreamPicker filters={filters} path="/stream/definition" />
      </>
    )
  }
  return (
    <>
      <PageHeader
        title={`${stream}: definition`}
        subtitle="The part of the mapping that is this stream's own; other streams and the state and type mapping are the admins'"
      />
      {save.isSuccess && (
        <Alert
          color="teal"
          variant="light"
          mb="md"
          title={`Saved as mapping version ${save.data.version}`}
        >
          Every figure is recomputed with the new definition.{' '}
          <Anchor
            component={Link}
            to={`/stream${filtersSearch(filters)}`}
            size="sm"
            fw={600}
            c="inherit"
            underline="always"
          >
            Back to {stream}
          </Anchor>
        </Alert>
      )}
      {me.data !== undefined && !may ? (
        <Alert color="gray" variant="light" title="You may not change this stream">
          Changing a stream&apos;s definition needs the editor role on it; ask an admin.
        </Alert>
      ) : (
        <LoadingPanel {...definition} height={320}>
          {definition.data && (
            <Editor
              key={`${stream}:${definition.data.version}`}
              stream={stream}
              definition={definition.data}
              save={save}
            />
          )}
        </LoadingPanel>
      )}
    </>
  )
}
