import { makeWorkItem } from '@openvmo/core'
import { openStore } from '../../store/open-store'
import type { Store } from '../../store/store'
import { testRecords } from '../api-test-fixture'
import { grant } from './accounts'
import type { AuthTestApp } from './auth-test-kit'
import { createAuthTestApp } from './auth-test-kit'

/** Who sends a request in the grants tests, and the headers that make it so. */
export interface Principal {
  label: string
  via: 'anonymous' | 'session' | 'token'
  user?: string
  admin: boolean
  headers: Record<string, string>
}

/** Two value streams (Payments, Mobile), unmapped work, accounts of each role and their tokens. */
export interface GrantsWorld {
  store: Store
  t: AuthTestApp
  /** anonymous; viewer, editor (of Payments) and admin by session, then by token of that role. */
  principals: Principal[]
  /** The principal of `label` (throws when there is none). */
  principal(label: string): Principal
}

async function records() {
  const day = (d: number) => new Date(Date.UTC(2024, 0, d)).toISOString()
  return [
    ...testRecords(),
    // a Payments item blocked by a Mobile item, and work in no value stream
    makeWorkItem({
      key: 'PAY-25',
      project: 'PAY',
      title: 'Refund flow 25',
      type: 'Story',
      created: day(60),
      links: [{ type: 'is blocked by', target: 'MOB-3' }],
      path: [[day(61), 'Ready']],
    }),
    makeWorkItem({
      key: 'OPS-1',
      project: 'OPS',
      title: 'Ops secret chore',
      type: 'Story',
      created: day(20),
      path: [[day(21), 'In Progress']],
    }),
  ]
}

/** A new session of `user`: its cookie and CSRF header. */
export async function sessionOf(t: AuthTestApp, user: string): Promise<Record<string, string>> {
  const { cookie, csrf } = await t.signIn(user)
  return { cookie, 'x-csrf-token': csrf }
}

async function tokenOf(
  t: AuthTestApp,
  user: string,
  role: string,
): Promise<Record<string, string>> {
  const res = await t.request('/api/v1/tokens', {
    method: 'POST',
    headers: await sessionOf(t, user),
    body: JSON.stringify({ name: `${role} token`, role }),
  })
  const { secret } = (await res.json()) as { secret: string }
  return { authorization: `Bearer ${secret}` }
}

/**
 * The test items (a Payments item blocked by a Mobile item, work in no value stream), a model
 * and business results of both streams, and ada (admin), vic (viewer of Payments) and eddie
 * (editor of Payments), each signed in and with a token of their role.
 */
export async function createGrantsWorld(): Promise<GrantsWorld> {
  const store = await openStore({ db: ':memory:' })
  await store.importRecords(await records())
  await store.replaceModel({
    valueStreams: [
      { name: 'Payments', definition: { customers: ['Acme Retail'] } },
      { name: 'Mobile', definition: { customers: ['Globex'] } },
    ],
    products: [
      { name: 'Checkout', definition: { stream: 'Payments' } },
      { name: 'Launcher', definition: { stream: 'Mobile' } },
    ],
    teams: [
      { name: 'payments', definition: { stream: 'Payments' } },
      { name: 'mobile', definition: { stream: 'Mobile' } },
    ],
  })
  await store.replaceBusinessResults([
    { stream: 'Payments', metric: 'value', date: '2024-01-31', value: 10 },
    { stream: 'Mobile', metric: 'value', date: '2024-01-31', value: 7 },
  ])
  const t = await createAuthTestApp(store, { throttle: { perAddress: 10_000, perAccount: 10_000 } })
  await t.addUser('ada', { admin: true })
  await t.addUser('vic')
  await t.addUser('eddie')
  const actor = { name: 'operator', via: 'cli', address: null, nowMs: t.clock.now }
  await grant(store, { name: 'vic', stream: 'Payments', role: 'viewer' }, actor)
  await grant(store, { name: 'eddie', stream: 'Payments', role: 'editor' }, actor)
  const admins = new Set(['ada'])
  const session = async (label: string, user: string): Promise<Principal> => {
    const headers = await sessionOf(t, user)
    return { label, via: 'session', user, admin: admins.has(user), headers }
  }
  const token = async (label: string, user: string, role: string): Promise<Principal> => {
    const headers = await tokenOf(t, user, role)
    return { label, via: 'token', user, admin: admins.has(user) && role === 'admin', headers }
  }
  const principals: Principal[] = [
    { label: 'anonymous', via: 'anonymous', admin: false, headers: {} },
    await session('viewer of Payments', 'vic'),
    await session('editor of Payments', 'eddie'),
    await session('admin', 'ada'),
    await token('viewer token', 'vic', 'viewer'),
    await token('editor token', 'eddie', 'editor'),
    await token('admin token', 'ada', 'admin'),
  ]
  const principal = (label: string) => {
    const found = principals.find((p) => p.label === label)
    if (!found) throw new Error(`no principal ${label}`)
    return found
  }
  return { store, t, principals, principal }
}
