import type { ReactElement, ReactNode } from 'react'
import { MantineProvider } from '@mantine/core'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render as rtlRender } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter } from 'react-router'
import { theme } from '../theme'

// jsdom lacks these browser APIs that Mantine reads on mount.
if (typeof window !== 'undefined' && !window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList
}
if (typeof window !== 'undefined' && !('ResizeObserver' in window)) {
  class NoResizeObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  Object.assign(window, { ResizeObserver: NoResizeObserver })
}

/**
 * Renders `ui` inside the dashboard's providers: Mantine with the app theme, a QueryClient that
 * never retries, and a MemoryRouter at `url`. Returns Testing Library's queries and a `user`.
 */
export function render(ui: ReactElement, options: { url?: string } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MantineProvider theme={theme}>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[options.url ?? '/']}>{children}</MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>
  )
  return { user: userEvent.setup(), client, ...rtlRender(ui, { wrapper }) }
}
