import { useState } from 'react'
import type { FormEvent } from 'react'
import {
  Alert,
  Button,
  Center,
  Divider,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconAlertTriangle, IconLogin2 } from '@tabler/icons-react'
import { useProvidersQuery, useSignInMutation } from '../api/queries/use-auth-queries'
import type { ProvidersResponse } from '../api/types'
import { errorMessage } from '../components/LoadingPanel'
import { signInErrorOf } from './sign-in-errors'

/** "Sign in with <provider>": a link to the server's OIDC login, back to this page's path. */
function ProviderButton(props: { oidc: NonNullable<ProvidersResponse['oidc']> }) {
  const returnTo = encodeURIComponent(window.location.pathname)
  return (
    <Button
      component="a"
      href={`${props.oidc.loginUrl}?returnTo=${returnTo}`}
      variant="filled"
      leftSection={<IconLogin2 size={18} aria-hidden />}
    >
      Sign in with {props.oidc.displayName}
    </Button>
  )
}

/**
 * The sign-in page, shown instead of the dashboard while nobody is signed in: "Sign in with
 * <provider>" when an OpenID provider is configured, and the form of local accounts unless the
 * server says none can sign in with a password.
 */
export function SignInPage() {
  const providers = useProvidersQuery()
  const [providerError] = useState(() => signInErrorOf(window.location.search))
  const oidc = providers.data?.oidc ?? null
  const local = providers.data?.local !== false
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={380}>
        <Stack>
          <div>
            <Title order={1} size="h3" fw={800}>
              openvmo
            </Title>
            <Text size="sm" c="dimmed">
              {oidc
                ? `Sign in with your ${oidc.displayName} account.`
                : 'Sign in with the account an administrator made for you (vmo user add).'}
            </Text>
          </div>
          {providerError && (
            <Alert
              color="red"
              icon={<IconAlertTriangle size={18} />}
              role="alert"
              title="Not signed in"
            >
              {providerError}
            </Alert>
          )}
          {oidc && <ProviderButton oidc={oidc} />}
          {oidc && local && <Divider label="or with a local account" labelPosition="center" />}
          {local && <LocalSignInForm />}
        </Stack>
      </Paper>
    </Center>
  )
}

/** The form of local accounts (name and password). */
function LocalSignInForm() {
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const signIn = useSignInMutation()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    signIn.mutate({ name, password })
  }
  return (
    <form onSubmit={submit} aria-label="Sign in">
      <Stack>
        {signIn.error && (
          <Alert
            color="red"
            icon={<IconAlertTriangle size={18} />}
            role="alert"
            title="Not signed in"
          >
            {errorMessage(signIn.error)}
          </Alert>
        )}
        <TextInput
          label="Name"
          autoComplete="username"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <Button type="submit" loading={signIn.isPending}>
          Sign in
        </Button>
      </Stack>
    </form>
  )
}
