import type { ReactNode } from 'react'
import { Center, Loader } from '@mantine/core'
import { ApiError } from '../api/client'
import { useMeQuery } from '../api/queries/use-auth-queries'
import { SignInPage } from './SignInPage'

/**
 * Shows the sign-in page while `GET /auth/me` answers 401, else the dashboard. Servers without
 * accounts (single-user mode, or no sign-in routes) show the dashboard at once, as before.
 */
export function AuthGate(props: { children: ReactNode }) {
  const me = useMeQuery()
  if (me.isLoading) {
    return (
      <Center mih="100vh" aria-busy="true">
        <Loader aria-label="Loading" />
      </Center>
    )
  }
  if (me.error instanceof ApiError && me.error.status === 401) return <SignInPage />
  return props.children
}
