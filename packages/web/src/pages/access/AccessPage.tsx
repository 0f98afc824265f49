import { Code, Stack, Text } from '@mantine/core'
import { useMeQuery } from '../../api/queries/use-auth-queries'
import { EmptyState } from '../../components/EmptyState'
import { PageHeader } from '../PageHeader'
import { AuditPanel, UsersPanel } from './AdminPanels'
import { TokensPanel } from './TokensPanel'

/** "Users & tokens": your API tokens; for admins also every user and the audit log. */
export default function AccessPage() {
  const { data: me } = useMeQuery()
  if (!me || me.via !== 'session') {
    return (
      <>
        <PageHeader title="Users & tokens" />
        <EmptyState title="No sign-in on this server">
          This server runs in single-user mode. Add an account with{' '}
          <Code>vmo user add NAME --admin</Code> to require sign-in; then tokens and the audit log
          are managed here.
        </EmptyState>
      </>
    )
  }
  return (
    <Stack gap="xl">
      <PageHeader
        title="Users & tokens"
        subtitle={
          <Text span size="sm">
            Signed in as {me.displayName}
            {me.admin ? ' (admin)' : ''}
          </Text>
        }
      />
      <TokensPanel admin={me.admin} />
      {me.admin && <UsersPanel />}
      {me.admin && <AuditPanel />}
    </Stack>
  )
}
