import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError, request, setCsrfToken } from '../client'
import type {
  AuditEntryResponse,
  CreatedTokenResponse,
  MeResponse,
  ProvidersResponse,
  TokenBody,
  TokenResponse,
  UserResponse,
} from '../types'

/** The query key of who is signed in. */
export const ME_KEY = ['auth', 'me'] as const

/** What the dashboard knows of the principal: null when the server has no sign-in routes. */
export type MeState = MeResponse | null

async function fetchMe(signal: AbortSignal): Promise<MeState> {
  try {
    const me = await request<MeResponse>('/api/v1/auth/me', { signal })
    setCsrfToken(me.csrfToken)
    return me
  } catch (error) {
    // a server without local accounts has no /auth routes: single-user, as before
    if (error instanceof ApiError && error.status === 404) return null
    if (error instanceof ApiError && error.status === 401) setCsrfToken(null)
    throw error
  }
}

/** Who the dashboard acts for (`GET /api/v1/auth/me`); a 401 error means "sign in". */
export function useMeQuery() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 60_000,
    retry: false,
  })
}

/**
 * Whether the dashboard acts for an admin: true without sign-in (single-user mode, `--no-auth`,
 * a server without accounts) and while who it is is still loading.
 */
export function useIsAdmin(): boolean {
  const { data: me } = useMeQuery()
  return me === undefined || me === null || me.admin
}

/** How one may sign in (`GET /api/v1/auth/providers`): the local form, an OpenID provider. */
export function useProvidersQuery() {
  return useQuery({
    queryKey: ['auth', 'providers'],
    queryFn: ({ signal }) => request<ProvidersResponse>('/api/v1/auth/providers', { signal }),
    staleTime: 300_000,
    retry: false,
  })
}

/** Signs in (`POST /api/v1/auth/login`); on success every view loads afresh. */
export function useSignInMutation() {
  const client = useQueryClient()
  return useMutation({
    mutationKey: ['auth', 'login'],
    mutationFn: (body: { name: string; password: string }) =>
      request<MeResponse>('/api/v1/auth/login', { method: 'POST', body }),
    onSuccess: async (me) => {
      setCsrfToken(me.csrfToken)
      client.setQueryData(ME_KEY, me)
      await client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' })
    },
  })
}

/** Signs out (`POST /api/v1/auth/logout`); the sign-in page shows next. */
export function useSignOutMutation() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () =>
      request<{ ended: number }>('/api/v1/auth/logout', { method: 'POST', body: {} }),
    onSettled: async () => {
      setCsrfToken(null)
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' })
      await client.invalidateQueries({ queryKey: ME_KEY })
    },
  })
}

/** The signed-in user's API tokens (`GET /api/v1/tokens`; admins: everyone's with `all`). */
export function useTokensQuery(all: boolean) {
  return useQuery({
    queryKey: ['auth', 'tokens', all],
    queryFn: ({ signal }) =>
      request<TokenResponse[]>('/api/v1/tokens', { signal, query: { all: all || undefined } }),
    staleTime: 0,
  })
}

/** Creates a token (`POST /api/v1/tokens`): the answer holds the secret, shown once. */
export function useCreateTokenMutation() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: TokenBody) =>
      request<CreatedTokenResponse>('/api/v1/tokens', { method: 'POST', body }),
    onSuccess: () =>
      Promise.all(
        ['tokens', 'audit'].map((what) => client.invalidateQueries({ queryKey: ['auth', what] })),
      ),
  })
}

/** Revokes a token (`DELETE /api/v1/tokens/{id}`). */
export function useRevokeTokenMutation() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      request<TokenResponse>(`/api/v1/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () =>
      Promise.all(
        ['tokens', 'audit'].map((what) => client.invalidateQueries({ queryKey: ['auth', what] })),
      ),
  })
}

/** Every local account (`GET /api/v1/users`, admins only). */
export function useUsersQuery(enabled: boolean) {
  return useQuery({
    queryKey: ['auth', 'users'],
    queryFn: ({ signal }) => request<UserResponse[]>('/api/v1/users', { signal }),
    enabled,
    staleTime: 0,
  })
}

/** The newest audit entries (`GET /api/v1/audit`, admins only). */
export function useAuditQuery(enabled: boolean) {
  return useQuery({
    queryKey: ['auth', 'audit'],
    queryFn: ({ signal }) =>
      request<AuditEntryResponse[]>('/api/v1/audit', { signal, query: { limit: 200 } }),
    enabled,
    staleTime: 0,
  })
}
