import type { ReactNode } from 'react'
import { Alert, Anchor, Skeleton, Stack } from '@mantine/core'
import { Link } from 'react-router'
import { IconAlertTriangle } from '@tabler/icons-react'
import { ApiError } from '../api/client'
import { EmptyState } from './EmptyState'

export interface LoadingPanelProps<T> {
  data: T | undefined
  error: Error | null
  isLoading: boolean
  /** Whether loaded data has nothing to show (then `empty` is shown instead of the children). */
  isEmpty?: (data: T) => boolean
  empty?: ReactNode
  /** Height of the skeleton while loading, to keep the layout still. */
  height?: number
  children: ReactNode
}

/** The message of an error as a person should read it, with the API's code when there is one. */
export function errorMessage(error: Error): string {
  return error instanceof ApiError && error.code
    ? `${error.message} (${error.code})`
    : error.message
}

/**
 * The one loading / error / empty wrapper of the dashboard: a skeleton while loading, the API's
 * error message on failure, an empty state when the data has nothing to show, else the children.
 */
export function LoadingPanel<T>(props: LoadingPanelProps<T>) {
  const { data, error, isLoading, isEmpty, empty, height = 200, children } = props
  if (error instanceof ApiError && error.code === 'INSUFFICIENT_DATA') {
    // Not a failure: the history cannot support the answer, and the message says why.
    return (
      <Alert color="yellow" variant="light" title="Not enough history" role="status">
        {error.message}
      </Alert>
    )
  }
  if (error instanceof ApiError && error.details.noMapping === true) {
    // Not a failure either: the data is there, the mapping that turns it into figures is not.
    return (
      <Alert color="blue" variant="light" title="Nothing to show until the data is mapped">
        Map your tools&apos; types and states onto the Flow Framework in the{' '}
        <Anchor component={Link} to="/mapping">
          mapping workbench
        </Anchor>
        ; the figures appear once the first mapping is saved.
      </Alert>
    )
  }
  if (error) {
    return (
      <Alert
        color="red"
        variant="light"
        title="Could not load"
        icon={<IconAlertTriangle aria-hidden />}
        role="alert"
      >
        {errorMessage(error)}
      </Alert>
    )
  }
  if (isLoading || data === undefined) {
    return (
      <Stack gap="xs" aria-busy="true" aria-label="Loading">
        <Skeleton height={height} radius="md" />
      </Stack>
    )
  }
  if (isEmpty?.(data))
    return <>{empty ?? <EmptyState title="Nothing to show for these filters" />}</>
  return <>{children}</>
}
