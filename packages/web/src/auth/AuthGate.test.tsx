// @vitest-environment jsdom
import { afterEach, expect, test, vi } from 'vitest'
import { cleanup, screen } from '@testing-library/react'
import { render } from '../test/render'
import { AuthGate } from './AuthGate'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const unauthenticated = () =>
  Response.json({ error: { code: 'UNAUTHENTICATED', message: 'sign in first' } }, { status: 401 })

/** A server whose /auth/me answers 401 until a sign-in with `secret` succeeds. */
function stubServer() {
  const calls: { url: string; init?: RequestInit }[] = []
  let signedIn = false
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, init })
      const me = {
        name: 'ada',
        displayName: 'Ada',
        via: 'session',
        admin: false,
        grants: [],
        csrfToken: 'c1',
      }
      if (url === '/api/v1/auth/login') {
        const body = JSON.parse(String(init?.body)) as { password: string }
        if (body.password !== 'secret password') {
          return Response.json(
            { error: { code: 'UNAUTHENTICATED', message: 'the name or password is wrong' } },
            { status: 401 },
          )
        }
        signedIn = true
        return Response.json(me)
      }
      if (url === '/api/v1/auth/me') return signedIn ? Response.json(me) : unauthenticated()
      return Response.json({})
    }),
  )
  return calls
}

test('shows the sign-in page while /auth/me answers 401, the error of a wrong password, then the dashboard', async () => {
  stubServer()
  const { user } = render(
    <AuthGate>
      <p>the dashboard</p>
    </AuthGate>,
  )
  await user.type(await screen.findByLabelText(/Name/), 'ada')
  await user.type(screen.getByLabelText(/Password/), 'wrong one')
  await user.click(screen.getByRole('button', { name: 'Sign in' }))
  expect((await screen.findByRole('alert')).textContent).toContain(
    'the name or password is wrong (UNAUTHENTICATED)',
  )
  expect(screen.queryByText('the dashboard')).toBeNull()
  await user.clear(screen.getByLabelText(/Password/))
  await user.type(screen.getByLabelText(/Password/), 'secret password')
  await user.click(screen.getByRole('button', { name: 'Sign in' }))
  expect(await screen.findByText('the dashboard')).toBeTruthy()
})

test('shows the dashboard at once on a server without sign-in routes (single-user, as before)', async () => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () =>
      Response.json({ error: { code: 'NOT_FOUND', message: 'no route' } }, { status: 404 }),
    ),
  )
  render(
    <AuthGate>
      <p>the dashboard</p>
    </AuthGate>,
  )
  expect(await screen.findByText('the dashboard')).toBeTruthy()
})

test('offers "Sign in with" the OpenID provider, without the local form when no account has a password', async () => {
  window.history.replaceState(null, '', '/streams/Payments?signInError=no_role')
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url === '/api/v1/auth/providers') {
        return Response.json({
          local: false,
          oidc: { displayName: 'Keycloak', loginUrl: '/api/v1/auth/oidc/login' },
        })
      }
      return unauthenticated()
    }),
  )
  render(
    <AuthGate>
      <p>the dashboard</p>
    </AuthGate>,
  )
  const link = await screen.findByRole('link', { name: 'Sign in with Keycloak' })
  expect(link.getAttribute('href')).toBe('/api/v1/auth/oidc/login?returnTo=%2Fstreams%2FPayments')
  expect((await screen.findByRole('alert')).textContent).toContain('none of your groups')
  expect(screen.queryByLabelText(/Password/)).toBeNull()
  window.history.replaceState(null, '', '/')
})
