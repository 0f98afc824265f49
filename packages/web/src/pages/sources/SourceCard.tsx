import type { ReactNode } from 'react'
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core'
import { IconPlugConnected, IconRefresh } from '@tabler/icons-react'
import { useSyncSourceMutation, useTestSourceMutation } from '../../api/queries/use-source-queries'
import type { SourceStateResponse } from '../../api/types'
import { errorMessage } from '../../components/LoadingPanel'
import { formatCount } from '../../format/numbers'
import { ConnectionChecks } from './ConnectionChecks'
import { ScopeTable } from './ScopeTable'
import { describeProgress, describeRateLimit, describeRun } from './source-rows'

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {props.label}
      </Text>
      <Text size="sm" component="div">
        {props.children}
      </Text>
    </Stack>
  )
}

function Facts(props: { source: SourceStateResponse }) {
  const { token, webhook, rateLimit } = props.source
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      <Fact label="Token">
        {token === null ? (
          'not checked by this server'
        ) : (
          <Text
            span
            size="sm"
            c={token.ok ? undefined : 'var(--mantine-color-red-light-color)'}
            data-testid="token-state"
          >
            {token.text}
          </Text>
        )}
      </Fact>
      <Fact label="Webhook">
        {webhook ? 'secret set: changes arrive within seconds' : 'none: polling only'}
      </Fact>
      <Fact label="Rate limit">{describeRateLimit(rateLimit) ?? 'not reported yet'}</Fact>
    </SimpleGrid>
  )
}

function LastRun(props: { source: SourceStateResponse }) {
  const { lastRun } = props.source
  if (!lastRun) {
    return (
      <Text size="sm" c="dimmed">
        Not synced yet.
      </Text>
    )
  }
  const run = describeRun(lastRun)
  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="wrap" data-testid="last-run">
        <Badge color={run.color} variant="light">
          {run.outcome}
        </Badge>
        <Text size="sm">
          {run.when} · {run.took} · {run.changes}
        </Text>
      </Group>
      {lastRun.error && (
        <Alert color="red" variant="light" title="Last error" data-testid="last-error">
          {lastRun.error}
        </Alert>
      )}
    </Stack>
  )
}

function Running(props: { progress: NonNullable<SourceStateResponse['running']> }) {
  const { text, share } = describeProgress(props.progress)
  return (
    <Stack gap={4} role="status">
      <Text size="sm">{text}</Text>
      <Progress
        value={share === null ? 100 : share * 100}
        striped
        animated
        aria-label={`Sync progress of ${props.progress.source}`}
      />
    </Stack>
  )
}

interface SourceActions {
  name: string
  test: ReturnType<typeof useTestSourceMutation>
  sync: ReturnType<typeof useSyncSourceMutation>
}

function ActionButtons(props: SourceActions & { running: boolean }) {
  const { name, test, sync } = props
  return (
    <Group gap="xs">
      <Button
        variant="default"
        leftSection={<IconPlugConnected size={16} aria-hidden />}
        loading={test.isPending}
        onClick={() => test.mutate()}
        aria-label={`Test connection of ${name}`}
      >
        Test connection
      </Button>
      <Button
        color="blue.8"
        leftSection={<IconRefresh size={16} aria-hidden />}
        loading={sync.isPending || props.running}
        onClick={() => sync.mutate({})}
        aria-label={`Sync now ${name}`}
      >
        Sync now
      </Button>
    </Group>
  )
}

/** What the last action answered: its error in words, or the connection test's checks. */
function ActionResults(props: SourceActions) {
  const failure = props.test.error ?? props.sync.error
  return (
    <>
      {failure && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(failure)}
        </Alert>
      )}
      {props.test.data && <ConnectionChecks report={props.test.data} />}
    </>
  )
}

/** One source: what it holds, its scopes' counts, its last run and error, and its actions. */
export function SourceCard(props: { source: SourceStateResponse; actions: boolean }) {
  const { source } = props
  const synced = source.kind !== null
  const actions: SourceActions = {
    name: source.name,
    test: useTestSourceMutation(source.name),
    sync: useSyncSourceMutation(source.name),
  }
  const acting = synced && props.actions
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label={source.name}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={3} size="h4">
                {source.name}
              </Title>
              <Badge variant="light" color={synced ? 'blue' : 'gray'}>
                {source.kind ?? 'imported from files'}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed" data-testid="source-items">
              {formatCount(source.itemCount)} {source.itemCount === 1 ? 'item' : 'items'}
            </Text>
          </Stack>
          {acting && <ActionButtons {...actions} running={source.running !== null} />}
        </Group>
        {acting && <ActionResults {...actions} />}
        {synced ? (
          <>
            <Facts source={source} />
            {source.running && <Running progress={source.running} />}
            <LastRun source={source} />
            {source.scopes.length > 0 && <ScopeTable source={source} />}
          </>
        ) : (
          <Text size="sm" c="dimmed">
            Imported from files; run vmo import again to update it.
          </Text>
        )}
      </Stack>
    </Card>
  )
}
