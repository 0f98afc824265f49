import { useState } from 'react'
import type { FormEvent } from 'react'
import { Alert, Button, Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core'
import { useAddSourceMutation } from '../../api/queries/use-source-queries'
import type { SourceStateListResponse } from '../../api/types'
import { errorMessage } from '../../components/LoadingPanel'
import { parseSettings } from './source-rows'

/**
 * Adds a source on a loopback server: its kind, name, the server's environment variable that
 * holds the token (the token itself never passes through the browser), and the kind's settings
 * as JSON, named as the options of `vmo source add <kind>`.
 */
export function AddSourceForm(props: {
  kinds: SourceStateListResponse['kinds']
  onAdded: (name: string) => void
}) {
  const add = useAddSourceMutation()
  const [kind, setKind] = useState<string | null>(props.kinds[0]?.kind ?? null)
  const [name, setName] = useState('')
  const [tokenEnv, setTokenEnv] = useState('')
  const [settingsText, setSettingsText] = useState('{\n  \n}')
  const parsed = parseSettings(settingsText)
  const description = props.kinds.find((k) => k.kind === kind)?.description
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!kind || 'error' in parsed) return
    add.mutate(
      { kind, name: name.trim(), tokenEnv: tokenEnv.trim(), settings: parsed.settings },
      { onSuccess: (added) => props.onAdded(added.source.name) },
    )
  }
  return (
    <form onSubmit={submit} aria-label="Add a source">
      <Stack gap="sm">
        <Select
          label="Kind"
          data={props.kinds.map((k) => ({ value: k.kind, label: k.kind }))}
          value={kind}
          onChange={setKind}
          description={description}
          allowDeselect={false}
          required
        />
        <TextInput
          label="Name"
          description="How openvmo names it: lowercase letters, digits, . _ -"
          placeholder="acme-jira"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
        />
        <TextInput
          label="Token variable"
          description="The environment variable of the server that holds the token (never the token itself)"
          placeholder="JIRA_TOKEN"
          value={tokenEnv}
          onChange={(e) => setTokenEnv(e.currentTarget.value)}
          required
        />
        <Textarea
          label="Settings (JSON)"
          description={`The options of vmo source add ${kind ?? '<kind>'}, in camelCase`}
          autosize
          minRows={4}
          value={settingsText}
          onChange={(e) => setSettingsText(e.currentTarget.value)}
          error={'error' in parsed ? parsed.error : undefined}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        {add.error && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(add.error)}
          </Alert>
        )}
        <Text size="xs" c="dimmed">
          Once it is saved, test its connection and sync it from its card.
        </Text>
        <Group justify="flex-end">
          <Button
            type="submit"
            color="blue.8"
            loading={add.isPending}
            disabled={!kind || 'error' in parsed}
          >
            Add source
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
