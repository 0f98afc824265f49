import { Alert, Anchor, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { Link, useLocation } from 'react-router'
import { useIsAdmin } from '../api/queries/use-auth-queries'
import { useMappingQuery } from '../api/queries/use-mapping-queries'
import { unmappedSentence } from './unmapped-sentence'

/**
 * On every page while the stored items use values the mapping leaves unmapped: how many items
 * are left out of every figure, which values, and a link to the mapping workbench.
 */
export function UnmappedBanner() {
  // unmapped items are for admins, who may read the mapping
  const mapping = useMappingQuery(useIsAdmin())
  const { pathname } = useLocation()
  const unmapped = mapping.data?.unmapped
  if (!unmapped || unmapped.items === 0) return null
  return (
    <Alert
      color="red"
      variant="light"
      mb="md"
      icon={<IconAlertTriangle size={18} aria-hidden />}
      title={`${unmapped.items.toLocaleString('en')} ${unmapped.items === 1 ? 'item is' : 'items are'} left out of every figure`}
      data-testid="unmapped-banner"
    >
      <Text size="sm">
        {unmappedSentence(unmapped)}{' '}
        {pathname !== '/mapping' && (
          <Anchor component={Link} to="/mapping" size="sm" fw={600}>
            Map them in the mapping workbench
          </Anchor>
        )}
      </Text>
    </Alert>
  )
}
