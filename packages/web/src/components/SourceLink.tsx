import { Anchor, Group, Text } from '@mantine/core'
import { IconExternalLink } from '@tabler/icons-react'

/** The item's source tool as a deep link (new tab) when the item has a URL, plain text otherwise. */
export function SourceLink(props: { item: { key: string; source: string; url?: string | null } }) {
  const { key, source, url } = props.item
  if (!url) {
    return (
      <Text size="sm" c="dimmed" span>
        {source}
      </Text>
    )
  }
  return (
    <Anchor
      href={url}
      target="_blank"
      rel="noreferrer"
      size="sm"
      aria-label={`Open ${key} in ${source}`}
    >
      <Group gap={2} wrap="nowrap">
        {source}
        <IconExternalLink size={14} aria-hidden />
      </Group>
    </Anchor>
  )
}
