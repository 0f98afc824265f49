import { Button, Menu } from '@mantine/core'
import { IconKey, IconLogout, IconUserCircle } from '@tabler/icons-react'
import { Link } from 'react-router'
import { useMeQuery, useSignOutMutation } from '../api/queries/use-auth-queries'

/** The header's account menu: who is signed in, "Users & tokens", and sign-out (sessions only). */
export function UserMenu() {
  const { data: me } = useMeQuery()
  const signOut = useSignOutMutation()
  if (!me || me.via !== 'session') return null
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          leftSection={<IconUserCircle size={18} aria-hidden />}
          aria-label={`Account: ${me.displayName}`}
        >
          {me.displayName}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {me.name}
          {me.admin ? ' (admin)' : ''}
        </Menu.Label>
        <Menu.Item component={Link} to="/access" leftSection={<IconKey size={16} aria-hidden />}>
          Users &amp; tokens
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() => signOut.mutate()}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}
