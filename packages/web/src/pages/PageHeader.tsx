import type { ReactNode } from 'react'
import { Group, Stack, Text, Title } from '@mantine/core'

/** The title of a view, who it is for, and what range it shows. */
export function PageHeader(props: { title: string; subtitle?: ReactNode; right?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end" mb="md" wrap="wrap">
      <Stack gap={2}>
        <Title order={2}>{props.title}</Title>
        {props.subtitle && (
          <Text size="sm" c="dimmed">
            {props.subtitle}
          </Text>
        )}
      </Stack>
      {props.right}
    </Group>
  )
}
