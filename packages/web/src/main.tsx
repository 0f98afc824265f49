import '@mantine/core/styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { MantineProvider } from '@mantine/core'
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { BrowserRouter } from 'react-router'
import { App } from './App'
import { ApiError } from './api/client'
import { ME_KEY } from './api/queries/use-auth-queries'
import { cssVariablesResolver, theme } from './theme'

/** After a 401 (the session ended), asks who is signed in again: the sign-in page shows. */
function askWhoIsSignedIn(error: Error): void {
  if (error instanceof ApiError && error.status === 401)
    void queryClient.invalidateQueries({ queryKey: ME_KEY })
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (query.queryKey[0] !== 'auth') askWhoIsSignedIn(error)
    },
  }),
  mutationCache: new MutationCache({
    // (error, variables, context, mutation): a 401 of the sign-in itself is its own message
    onError: (...[error, , , mutation]) => {
      if (mutation.options.mutationKey?.[0] !== 'auth') askWhoIsSignedIn(error)
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // One retry for what may pass (network, 5xx); a 4xx answer would only repeat itself.
      retry: (failures, error) =>
        failures < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
})

const root = document.getElementById('root')
if (!root) throw new Error('the page has no #root element')

createRoot(root).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="auto"
    >
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
)
