import { Alert, Anchor, Badge, Group, List, Text } from '@mantine/core'
import { Link } from 'react-router'
import type { ItemJourneyResponse } from '../../api/types'
import { formatDate } from '../../format/numbers'
import { itemPath } from './item-path'
import { RestrictedItem, isRestricted } from './RestrictedItem'

type Dated = Extract<ItemJourneyResponse['forecast'], { kind: 'forecast' }>

/** What a rolled-up date waits on: the open delivering items, the critical one first. */
export function RollUpList(props: { rollUp: NonNullable<Dated['rollUp']> }) {
  const { items, critical, done, leftOut } = props.rollUp
  return (
    <div data-testid="roll-up">
      <Text size="sm" fw={600} mt="sm">
        Waits on {items.length} open delivering {items.length === 1 ? 'item' : 'items'} ({done}{' '}
        done)
      </Text>
      <List size="sm" spacing={2}>
        {items.map((w) => {
          const id = `${w.source}:${w.key}`
          return (
            <List.Item key={id}>
              <Group gap={6}>
                {isRestricted(w) ? (
                  <RestrictedItem />
                ) : (
                  <Anchor component={Link} to={itemPath(w)}>
                    {id}
                  </Anchor>
                )}
                <Text size="sm" c="dimmed">
                  {w.basis === 'in_progress' ? 'in progress' : 'not started'}, 85% by{' '}
                  {formatDate(w.date85)}, last in {Math.round(w.criticalShare * 100)}% of trials
                </Text>
                {id === critical && (
                  <Badge color="red" variant="light" size="sm">
                    critical
                  </Badge>
                )}
              </Group>
            </List.Item>
          )
        })}
      </List>
      {leftOut.length > 0 && (
        <>
          <Text size="sm" fw={600} mt="sm">
            Left out of the date: {leftOut.length} open {leftOut.length === 1 ? 'item' : 'items'}{' '}
            its history cannot forecast
          </Text>
          <List size="sm" spacing={2} data-testid="left-out">
            {leftOut.map((o) => (
              <List.Item key={`${o.source}:${o.key}`}>
                {isRestricted(o) ? (
                  <RestrictedItem />
                ) : (
                  <Anchor component={Link} to={itemPath(o)}>
                    {o.source}:{o.key}
                  </Anchor>
                )}{' '}
                <Text span size="sm" c="dimmed">
                  {o.reason}
                </Text>
              </List.Item>
            ))}
          </List>
        </>
      )}
    </div>
  )
}

/** A forecast's warnings (a throughput shift, nothing started, a bulk close, …). */
export function ForecastWarnings(props: {
  warnings: readonly { code: string; message: string }[]
}) {
  return props.warnings.map((w) => (
    <Alert
      key={`${w.code}:${w.message}`}
      color="yellow"
      variant="light"
      mt="xs"
      data-testid={`warning-${w.code}`}
    >
      {w.message}
    </Alert>
  ))
}
