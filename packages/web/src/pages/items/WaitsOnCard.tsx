import { Anchor, Badge, Card, Group, List, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import type { ItemJourneyResponse } from '../../api/types'
import { formatDays } from '../../format/numbers'
import { itemPath } from './item-path'
import { RestrictedItem, isRestricted } from './RestrictedItem'

type WaitsOn = NonNullable<ItemJourneyResponse['waitsOn']>

const STATE_PHRASE: Record<string, string> = {
  new: 'not started yet',
  waiting: 'waiting',
  active: 'being worked on',
}

type Linked = WaitsOn['blockers'][number]['blockedBy'][number]

/** A blocker's badge: its status (or why there is none) and whether it ended. */
function blockerState(b: Linked): string {
  if (isRestricted(b)) return b.open ? 'open' : 'ended'
  const status = b.known ? (b.status ?? 'no status') : 'not in the data'
  return b.open ? status : `${status} · ended`
}

/** One link of the chain: how it is linked, the item, its title and state. */
function LinkedLine(props: { item: Linked }) {
  const b = props.item
  const id = `${b.source}:${b.key}`
  return (
    <Group gap={6} wrap="wrap">
      <Text size="sm" c="dimmed">
        {b.link}
      </Text>
      {isRestricted(b) ? (
        <RestrictedItem />
      ) : b.known ? (
        <Anchor component={Link} to={itemPath(b)}>
          {id}
        </Anchor>
      ) : (
        <Text size="sm">{id}</Text>
      )}
      {b.title && <Text size="sm">{b.title}</Text>}
      <Badge color={b.open ? 'orange' : 'gray'} variant="light" size="sm">
        {blockerState(b)}
      </Badge>
    </Group>
  )
}

/**
 * What an item that has not ended waits on: the status it sits in and for how long, and the
 * linked items that hold it up (open ones first), the waiting each caused, and what each of them
 * waits on in turn (the chain). Delivering work is listed by the forecast.
 */
export function WaitsOnCard(props: { waitsOn: WaitsOn }) {
  const { status, flowState, days, blockers } = props.waitsOn
  const open = blockers.filter((b) => b.open)
  return (
    <Card withBorder radius="md" padding="md" data-testid="waits-on">
      <Title order={3} size="h5" mb="xs">
        What does it wait on?
      </Title>
      <Text size="sm">
        {status === null ? (
          'It has no status yet.'
        ) : (
          <>
            In <b>{status}</b>
            {flowState
              ? ` (${STATE_PHRASE[flowState] ?? flowState})`
              : ' (a status the mapping leaves out)'}{' '}
            for {formatDays(days)} days.
          </>
        )}{' '}
        {open.length > 0
          ? `Held up by ${open.length} open ${open.length === 1 ? 'item' : 'items'}.`
          : blockers.length > 0
            ? 'Every item linked as a blocker has ended.'
            : 'No item is linked as blocking it or as a dependency.'}
      </Text>
      {blockers.length > 0 && (
        <List size="sm" spacing={4} mt="xs">
          {blockers.map((b) => (
            <List.Item key={`${b.source}:${b.key}`}>
              <LinkedLine item={b} />
              <Text size="xs" c="dimmed">
                It waited {formatDays(b.waitedDays)} days on it (shared with the other blockers open
                at the same time).
              </Text>
              {b.blockedBy.length > 0 && (
                <List size="sm" spacing={2} withPadding data-testid="waits-on-chain">
                  {b.blockedBy.map((next) => (
                    <List.Item key={`${next.source}:${next.key}`}>
                      <LinkedLine item={next} />
                    </List.Item>
                  ))}
                </List>
              )}
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  )
}
