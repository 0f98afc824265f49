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
          <Text span size="sm" c={token.ok ? undefined : 'red'} data-testid="token-state">
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

function Actions(props: { name: string; running: boolean }) {
  const test = useTestSourceMutation(props.name)
  const sync = useSyncSourceMutation(props.name)
  const failure = test.error ?? sync.error
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Button
          variant="default"
          leftSection={<IconPlugConnected size={16} aria-hidden />}
          loading={test.isPending}
          onClick={() => test.mutate()}
          aria-label={`Test connection of ${props.name}`}
        >
          Test connection
        </Button>
        <Button
          leftSection={<IconRefresh size={16} aria-hidden />}
          loading={sync.isPending || props.running}
          onClick={() => sync.mutate({})}
          aria-label={`Sync now ${props.name}`}
        >
          Sync now
        </Button>
      </Group>
      {failure && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(failure)}
        </Alert>
      )}
      {test.data && <ConnectionChecks report={test.data} />}
    </Stack>
  )
}

/** One source: what it holds, its scopes' counts, its last run and error, and its actions. */
export function SourceCard(props: { source: SourceStateResponse; actions: boolean }) {
  const { source } = props
  const synced = source.kind !== null
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
              {formatCount(source.itemCount)} items
            </Text>
          </Stack>
        </Group>
        {synced && props.actions && (
          <Actions name={source.name} running={source.running !== null} />
        )}
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
