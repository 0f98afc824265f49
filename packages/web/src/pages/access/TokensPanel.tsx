import { useState } from 'react'
import type { FormEvent } from 'react'
import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconAlertTriangle, IconKey } from '@tabler/icons-react'
import {
  useCreateTokenMutation,
  useRevokeTokenMutation,
  useTokensQuery,
} from '../../api/queries/use-auth-queries'
import type { CreatedTokenResponse, TokenResponse } from '../../api/types'
import { LoadingPanel, errorMessage } from '../../components/LoadingPanel'

const ROLES = ['viewer', 'editor', 'admin'] as const
type TokenRole = (typeof ROLES)[number]

const day = (instant: string | null) => (instant ? instant.slice(0, 16).replace('T', ' ') : '—')

function CreateTokenForm(props: { onCreated: (token: CreatedTokenResponse) => void }) {
  const [name, setName] = useState('')
  const [role, setRole] = useState<TokenRole>('viewer')
  const [days, setDays] = useState<number>(90)
  const create = useCreateTokenMutation()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate(
      { name, role, expiresInDays: days },
      {
        onSuccess: (token) => {
          setName('')
          props.onCreated(token)
        },
      },
    )
  }
  return (
    <form onSubmit={submit} aria-label="New API token">
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label="Token name"
          placeholder="ci nightly report"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Select
          label="Role"
          data={[...ROLES]}
          value={role}
          allowDeselect={false}
          onChange={(value) => setRole((value as TokenRole | null) ?? 'viewer')}
          w={130}
        />
        <NumberInput
          label="Expires in (days)"
          min={1}
          max={366}
          value={days}
          onChange={(value) => setDays(typeof value === 'number' ? value : 90)}
          w={150}
        />
        <Button type="submit" loading={create.isPending} leftSection={<IconKey size={16} />}>
          Create token
        </Button>
      </Group>
      {create.error && (
        <Alert color="red" mt="sm" icon={<IconAlertTriangle size={18} />} role="alert">
          {errorMessage(create.error)}
        </Alert>
      )}
    </form>
  )
}

function NewSecret(props: { token: CreatedTokenResponse }) {
  return (
    <Alert color="green" title={`Token "${props.token.name}" created`} role="status">
      <Stack gap="xs">
        <Text size="sm">
          Copy it now: it is shown only once. Send it as <Code>Authorization: Bearer …</Code>.
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Code data-testid="new-token-secret">{props.token.secret}</Code>
          <CopyButton value={props.token.secret}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" onClick={copy}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  )
}

function TokenRows(props: { tokens: TokenResponse[]; showUser: boolean }) {
  const revoke = useRevokeTokenMutation()
  return (
    <Table striped highlightOnHover data-testid="token-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          {props.showUser && <Table.Th>User</Table.Th>}
          <Table.Th>Role</Table.Th>
          <Table.Th>Created</Table.Th>
          <Table.Th>Expires</Table.Th>
          <Table.Th>Last used</Table.Th>
          <Table.Th>State</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.tokens.map((t) => (
          <Table.Tr key={t.id}>
            <Table.Td>{t.name}</Table.Td>
            {props.showUser && <Table.Td>{t.user}</Table.Td>}
            <Table.Td>{t.role}</Table.Td>
            <Table.Td>{day(t.createdAt)}</Table.Td>
            <Table.Td>{day(t.expiresAt)}</Table.Td>
            <Table.Td>{day(t.lastUsedAt)}</Table.Td>
            <Table.Td>
              {t.revokedAt ? (
                `revoked ${day(t.revokedAt)}`
              ) : (
                <Button
                  size="xs"
                  variant="light"
                  color="red"
                  loading={revoke.isPending && revoke.variables === t.id}
                  onClick={() => revoke.mutate(t.id)}
                  aria-label={`Revoke token ${t.name}`}
                >
                  Revoke
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

/** API tokens: create one (its secret shown once), list and revoke; admins see everyone's. */
export function TokensPanel(props: { admin: boolean }) {
  const [created, setCreated] = useState<CreatedTokenResponse | null>(null)
  const tokens = useTokensQuery(props.admin)
  return (
    <Stack>
      <Title order={3}>API tokens</Title>
      <CreateTokenForm onCreated={setCreated} />
      {created && <NewSecret token={created} />}
      <LoadingPanel
        {...tokens}
        isEmpty={(list) => list.length === 0}
        empty={<Text c="dimmed">No tokens yet.</Text>}
      >
        <TokenRows tokens={tokens.data ?? []} showUser={props.admin} />
      </LoadingPanel>
    </Stack>
  )
}
