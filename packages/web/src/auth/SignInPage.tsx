import { useState } from 'react'
import type { FormEvent } from 'react'
import {
  Alert,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useSignInMutation } from '../api/queries/use-auth-queries'
import { errorMessage } from '../components/LoadingPanel'

/** The sign-in form, shown instead of the dashboard while nobody is signed in. */
export function SignInPage() {
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const signIn = useSignInMutation()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    signIn.mutate({ name, password })
  }
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={380}>
        <form onSubmit={submit} aria-label="Sign in">
          <Stack>
            <div>
              <Title order={1} size="h3" fw={800}>
                openvmo
              </Title>
              <Text size="sm" c="dimmed">
                Sign in with the account an administrator made for you (vmo user add).
              </Text>
            </div>
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
      </Paper>
    </Center>
  )
}
