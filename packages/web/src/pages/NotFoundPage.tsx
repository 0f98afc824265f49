import { Anchor } from '@mantine/core'
import { Link } from 'react-router'
import { EmptyState } from '../components/EmptyState'

/** Any address the dashboard does not know. */
export function NotFoundPage() {
  return (
    <EmptyState title="No such page">
      This address is not a view of openvmo.{' '}
      <Anchor component={Link} to="/">
        Go to the portfolio
      </Anchor>
      .
    </EmptyState>
  )
}
