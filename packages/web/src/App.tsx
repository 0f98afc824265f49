import { Suspense, lazy } from 'react'
import { AppShell, Burger, Group, ScrollArea, Skeleton, Text, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { Route, Routes, useLocation } from 'react-router'
import { NavBar } from './layout/NavBar'
import { FilterBar, showsGlobalFilters } from './layout/FilterBar'
import { ColorSchemeToggle } from './layout/ColorSchemeToggle'
import { DataBanner } from './layout/DataBanner'
import { UnmappedBanner } from './layout/UnmappedBanner'
import { NotFoundPage } from './pages/NotFoundPage'
import { useRefreshOnDataChange } from './api/queries/use-status-query'
import { AuthGate } from './auth/AuthGate'
import { UserMenu } from './auth/UserMenu'

const PortfolioPage = lazy(() => import('./pages/portfolio/PortfolioPage'))
const ValueStreamPage = lazy(() => import('./pages/value-stream/ValueStreamPage'))
const StreamDefinitionPage = lazy(() => import('./pages/value-stream/StreamDefinitionPage'))
const FlowAnalysisPage = lazy(() => import('./pages/flow/FlowAnalysisPage'))
const DependenciesPage = lazy(() => import('./pages/dependencies/DependenciesPage'))
const SearchPage = lazy(() => import('./pages/items/SearchPage'))
const ItemJourneyPage = lazy(() => import('./pages/items/ItemJourneyPage'))
const SetForecastPage = lazy(() => import('./pages/items/SetForecastPage'))
const MappingWorkbenchPage = lazy(() => import('./pages/mapping/MappingWorkbenchPage'))
const SourcesPage = lazy(() => import('./pages/sources/SourcesPage'))
const DataQualityPage = lazy(() => import('./pages/data-quality/DataQualityPage'))
const AccessPage = lazy(() => import('./pages/access/AccessPage'))

/**
 * The dashboard behind the sign-in page (when the server has accounts): header with the global
 * filters, the account menu and theme toggle, navigation, and the views; open views re-fetch
 * when the served data changes.
 */
export function App() {
  return (
    <AuthGate>
      <Dashboard />
    </AuthGate>
  )
}

function Dashboard() {
  const [opened, { toggle, close }] = useDisclosure()
  useRefreshOnDataChange()
  const filters = showsGlobalFilters(useLocation().pathname)
  return (
    <AppShell
      header={{ height: { base: 56, lg: filters ? 112 : 56 } }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header px="md" py={6}>
        <Group justify="space-between" wrap="nowrap" h={44}>
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Title order={1} size="h3" fw={800}>
              openvmo
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="md">
              Value Management Office
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <UserMenu />
            <ColorSchemeToggle />
          </Group>
        </Group>
        <ScrollArea type="never" visibleFrom="lg">
          <FilterBar />
        </ScrollArea>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <NavBar onNavigate={close} />
        <ScrollArea hiddenFrom="lg" mt="md">
          <FilterBar />
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <DataBanner />
        <UnmappedBanner />
        <Suspense fallback={<Skeleton height={400} radius="md" aria-label="Loading the view" />}>
          <Routes>
            <Route path="/" element={<PortfolioPage />} />
            <Route path="/stream" element={<ValueStreamPage />} />
            <Route path="/stream/definition" element={<StreamDefinitionPage />} />
            <Route path="/flow" element={<FlowAnalysisPage />} />
            <Route path="/dependencies" element={<DependenciesPage />} />
            <Route path="/items" element={<SearchPage />} />
            <Route path="/items/:source/:key" element={<ItemJourneyPage />} />
            <Route path="/forecast/set" element={<SetForecastPage />} />
            <Route path="/mapping" element={<MappingWorkbenchPage />} />
            <Route path="/sources" element={<SourcesPage />} />
            <Route path="/data-quality" element={<DataQualityPage />} />
            <Route path="/access" element={<AccessPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </AppShell.Main>
    </AppShell>
  )
}
