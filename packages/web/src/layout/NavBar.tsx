import { NavLink, Stack, Text } from '@mantine/core'
import {
  IconAffiliate,
  IconBinaryTree2,
  IconChartHistogram,
  IconDatabaseExclamation,
  IconLayoutDashboard,
  IconPlugConnected,
  IconRoute,
  IconSearch,
} from '@tabler/icons-react'
import { Link, useLocation } from 'react-router'
import { useFilters } from '../state/use-filters'
import { filtersSearch } from '../state/filters'
import { NAV_ITEMS, isActivePath } from './nav-items'
import { useIsAdmin } from '../api/queries/use-auth-queries'

const ICONS = {
  '/': IconLayoutDashboard,
  '/stream': IconChartHistogram,
  '/flow': IconRoute,
  '/dependencies': IconAffiliate,
  '/items': IconSearch,
  '/mapping': IconBinaryTree2,
  '/data-quality': IconDatabaseExclamation,
  '/sources': IconPlugConnected,
} as const

/** The navigation between views; links keep the global filters. */
export function NavBar(props: { onNavigate: () => void }) {
  const { pathname } = useLocation()
  const { filters } = useFilters()
  const search = filtersSearch(filters)
  const admin = useIsAdmin()
  return (
    <Stack gap={2} component="nav" aria-label="Views">
      {NAV_ITEMS.filter((item) => admin || !item.adminOnly).map((item) => {
        const Icon = ICONS[item.path]
        const active = isActivePath(item.path, pathname)
        return (
          <NavLink
            key={item.path}
            component={Link}
            to={{ pathname: item.path, search }}
            label={item.label}
            description={
              <Text span size="xs" c="dimmed">
                {item.role}
              </Text>
            }
            leftSection={<Icon size={20} stroke={1.6} aria-hidden />}
            active={active}
            aria-current={active ? 'page' : undefined}
            onClick={props.onNavigate}
          />
        )
      })}
    </Stack>
  )
}
