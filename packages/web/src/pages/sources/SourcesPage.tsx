import { useEffect, useRef } from 'react'
import { Alert, Button, Code, Modal, Stack, Text } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconInfoCircle, IconPlugConnected, IconPlus } from '@tabler/icons-react'
import { useQueryClient } from '@tanstack/react-query'
import { useSourcesQuery } from '../../api/queries/use-source-queries'
import type { SourceStateListResponse } from '../../api/types'
import { EmptyState } from '../../components/EmptyState'
import { LoadingPanel } from '../../components/LoadingPanel'
import { PageHeader } from '../PageHeader'
import { AddSourceForm } from './AddSourceForm'
import { SourceCard } from './SourceCard'
import { runningNames } from './source-rows'

function NoSources() {
  return (
    <EmptyState title="No sources yet" icon={<IconPlugConnected size={26} />}>
      Connect a tool on the server with{' '}
      <Code>vmo source add jira --url … --email … --token-env JIRA_TOKEN …</Code> or{' '}
      <Code>vmo source add github --token-env GITHUB_TOKEN …</Code>, then run <Code>vmo sync</Code>;
      or load exported files with <Code>vmo import</Code>.
    </EmptyState>
  )
}

/** When a sync ends, the data may have changed: ask the status at once (open pages refresh). */
function useStatusAfterSyncs(list: SourceStateListResponse | undefined) {
  const client = useQueryClient()
  const before = useRef<string[]>([])
  const now = runningNames(list)
  const key = now.join('\n')
  useEffect(() => {
    const running = key ? key.split('\n') : []
    if (before.current.some((name) => !running.includes(name))) {
      void client.invalidateQueries({ queryKey: ['status'] })
    }
    before.current = running
  }, [client, key])
}

function Sources(props: { list: SourceStateListResponse }) {
  const { sources, actions } = props.list
  return (
    <Stack gap="md">
      {!actions.allowed && actions.reason && sources.some((s) => s.kind !== null) && (
        <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />}>
          Testing and syncing from here is off: {actions.reason}.
        </Alert>
      )}
      {sources.map((source) => (
        <SourceCard key={source.name} source={source} actions={actions.allowed} />
      ))}
    </Stack>
  )
}

/** The Sources page: each connected tool's health, counts, last run and actions. */
export default function SourcesPage() {
  const query = useSourcesQuery()
  const [adding, { open, close }] = useDisclosure(false)
  useStatusAfterSyncs(query.data)
  const canAdd = query.data?.actions.allowed === true && query.data.kinds.length > 0
  return (
    <>
      <PageHeader
        title="Sources"
        subtitle="The tools openvmo syncs from: what each holds, whether the store agrees, and how the last sync went."
        right={
          canAdd && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open} color="blue.8">
              Add source
            </Button>
          )
        }
      />
      <LoadingPanel
        {...query}
        height={240}
        isEmpty={(d) => d.sources.length === 0}
        empty={<NoSources />}
      >
        {query.data && <Sources list={query.data} />}
      </LoadingPanel>
      {query.data && canAdd && (
        <Modal opened={adding} onClose={close} title="Add a source" size="lg">
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              The token stays in the server&apos;s environment: name its variable here.
            </Text>
            <AddSourceForm kinds={query.data.kinds} onAdded={close} />
          </Stack>
        </Modal>
      )}
    </>
  )
}
