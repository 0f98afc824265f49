import type { ReactNode } from 'react'
import { Stack, Text, ThemeIcon } from '@mantine/core'
import { IconChartDots3 } from '@tabler/icons-react'

/** Says plainly that there is nothing to show, and why or what to do about it. */
export function EmptyState(props: { title: string; children?: ReactNode; icon?: ReactNode }) {
  return (
    <Stack align="center" gap="xs" py="xl" role="status">
      <ThemeIcon variant="light" size={48} radius="xl" color="gray" aria-hidden>
        {props.icon ?? <IconChartDots3 size={26} />}
      </ThemeIcon>
      <Text fw={600}>{props.title}</Text>
      {props.children && (
        <Text size="sm" c="dimmed" ta="center" maw={520}>
          {props.children}
        </Text>
      )}
    </Stack>
  )
}
