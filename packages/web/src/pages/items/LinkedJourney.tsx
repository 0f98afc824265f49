import { Anchor, Badge, Card, Group, Stack, Text, Timeline, Title } from '@mantine/core'
import { IconExternalLink } from '@tabler/icons-react'
import { Link } from 'react-router'
import type { ItemJourneyResponse, JourneyNode } from '../../api/types'
import { STATE_COLORS } from '../../charts/palette'
import { itemPath } from './item-path'
import { RestrictedItem, isRestricted } from './RestrictedItem'
import { journeyLevels, linkLabels } from './journey-shapes'

function Node(props: { node: JourneyNode; relations: string[] }) {
  const { node } = props
  if (isRestricted(node)) {
    return (
      <Group gap="xs" wrap="wrap">
        <RestrictedItem />
        {props.relations.length > 0 && (
          <Text size="xs" c="dimmed">
            {props.relations.join(' · ')}
          </Text>
        )}
      </Group>
    )
  }
  return (
    <Group gap="xs" wrap="wrap">
      <Badge variant="outline" color="gray" size="sm">
        {node.source}
      </Badge>
      {node.known && node.depth > 0 ? (
        <Anchor component={Link} to={itemPath(node)} fw={600} size="sm">
          {node.key}
        </Anchor>
      ) : (
        <Text fw={600} size="sm">
          {node.key}
        </Text>
      )}
      {node.title && (
        <Text size="sm" lineClamp={1} maw={360}>
          {node.title}
        </Text>
      )}
      {node.type && (
        <Text size="xs" c="dimmed">
          {node.type}
        </Text>
      )}
      {node.status && (
        <Badge
          size="sm"
          variant="light"
          color="gray"
          leftSection={
            node.flowState && (
              <span
                aria-hidden
                style={{
                  display: 'inline-block',
                  width: 8,
                  height: 8,
                  borderRadius: 4,
                  background: STATE_COLORS[node.flowState],
                }}
              />
            )
          }
        >
          {node.status}
        </Badge>
      )}
      {!node.known && (
        <Text size="xs" c="dimmed">
          (not imported)
        </Text>
      )}
      {node.url && (
        <Anchor
          href={node.url}
          target="_blank"
          rel="noreferrer"
          size="xs"
          aria-label={`Open ${node.key} in ${node.source}`}
        >
          <IconExternalLink size={14} aria-hidden />
        </Anchor>
      )}
      {props.relations.length > 0 && (
        <Text size="xs" c="dimmed">
          {props.relations.join(' · ')}
        </Text>
      )}
    </Group>
  )
}

/** The item's journey across linked items and tools, by distance from the item. */
export function LinkedJourney(props: { links: ItemJourneyResponse['links'] }) {
  const levels = journeyLevels(props.links)
  const relations = linkLabels(props.links)
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={3} size="h5" mb="sm">
        Journey across linked items and tools
      </Title>
      {props.links.nodes.length <= 1 ? (
        <Text size="sm" c="dimmed">
          This item has no links to other items.
        </Text>
      ) : (
        <Timeline bulletSize={18} lineWidth={2}>
          {levels.map((level) => (
            <Timeline.Item
              key={level.depth}
              title={
                level.depth === 0
                  ? 'This item'
                  : `${level.depth} link${level.depth > 1 ? 's' : ''} away`
              }
            >
              <Stack gap={6} mt={4}>
                {level.nodes.map((node) => (
                  <Node
                    key={`${node.source}:${node.key}`}
                    node={node}
                    relations={
                      level.depth === 0 ? [] : (relations.get(`${node.source}:${node.key}`) ?? [])
                    }
                  />
                ))}
              </Stack>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Card>
  )
}
