import { Badge, Stack, Table, Text, Title } from '@mantine/core'
import { useAuditQuery, useUsersQuery } from '../../api/queries/use-auth-queries'
import { LoadingPanel } from '../../components/LoadingPanel'

/** Every local account with its roles (accounts are added with `vmo user add`). */
export function UsersPanel() {
  const users = useUsersQuery(true)
  return (
    <Stack>
      <Title order={3}>Users</Title>
      <Text size="sm" c="dimmed">
        Add, disable and grant roles on the server: vmo user add | disable | grant.
      </Text>
      <LoadingPanel {...users}>
        <Table striped data-testid="user-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Display name</Table.Th>
              <Table.Th>Roles</Table.Th>
              <Table.Th>State</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(users.data ?? []).map((u) => (
              <Table.Tr key={u.name}>
                <Table.Td>{u.name}</Table.Td>
                <Table.Td>{u.displayName}</Table.Td>
                <Table.Td>
                  {u.admin
                    ? 'admin'
                    : u.grants.map((g) => `${g.role} of ${g.stream}`).join(', ') || 'no roles'}
                </Table.Td>
                <Table.Td>
                  {u.disabled ? <Badge color="gray">disabled</Badge> : <Badge>active</Badge>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </LoadingPanel>
    </Stack>
  )
}

/** The newest 200 audit entries. */
export function AuditPanel() {
  const audit = useAuditQuery(true)
  return (
    <Stack>
      <Title order={3}>Audit log</Title>
      <LoadingPanel {...audit}>
        <Table striped data-testid="audit-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When (UTC)</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>From</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Target</Table.Th>
              <Table.Th>Detail</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(audit.data ?? []).map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{e.at.slice(0, 19).replace('T', ' ')}</Table.Td>
                <Table.Td>
                  {e.actor} ({e.via})
                </Table.Td>
                <Table.Td>{e.address ?? '—'}</Table.Td>
                <Table.Td>{e.action}</Table.Td>
                <Table.Td>{e.target ?? ''}</Table.Td>
                <Table.Td>{e.detail ? JSON.stringify(e.detail) : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </LoadingPanel>
    </Stack>
  )
}
