import { expect } from 'vitest'
import type { ApiTokenRecord } from '../account-types'
import type { ContractCase } from './store-contract'

const T0 = '2024-04-01T00:00:00.000Z'
const T1 = '2024-04-01T01:00:00.000Z'

const newUser = (name: string, admin = false) => ({
  id: `id-${name}`,
  name,
  displayName: name.toUpperCase(),
  passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
  admin,
  at: T0,
})

const token = (id: string, userId: string): ApiTokenRecord => ({
  id,
  userId,
  name: `ci ${id}`,
  hash: `hash-${id}`,
  role: 'viewer',
  expiresAt: '2024-05-01T00:00:00.000Z',
  createdAt: T0,
  lastUsedAt: null,
  revokedAt: null,
})

/** Cases about accounts, sessions, API tokens and the audit log (migration 0009). */
export const accountCases: ContractCase[] = [
  {
    title: 'stores accounts with unique names, changes and disables them',
    async run({ store }) {
      expect(await store.hasEnabledUsers()).toBe(false)
      const ada = await store.createUser(newUser('ada', true))
      expect(ada).toMatchObject({ name: 'ada', displayName: 'ADA', admin: true, disabled: false })
      await expect(store.createUser({ ...newUser('ada'), id: 'other' })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: 'a user named "ada" already exists',
      })
      await store.createUser(newUser('Bob'))
      expect((await store.listUsers()).map((u) => u.name)).toEqual(['Bob', 'ada'])
      expect(await store.hasEnabledUsers()).toBe(true)
      const changed = await store.updateUser(ada.id, { disabled: true, admin: false }, T1)
      expect(changed).toMatchObject({ disabled: true, admin: false, updatedAt: T1, createdAt: T0 })
      expect(await store.findUser({ name: 'ada' })).toEqual(changed)
      await store.updateUser('id-Bob', { disabled: true }, T1)
      expect(await store.hasEnabledUsers()).toBe(false)
      expect(await store.findUser({ id: 'nobody' })).toBeUndefined()
      await expect(store.updateUser('nobody', { admin: true }, T1)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
    },
  },
  {
    title: 'keeps one role per user and value stream, replaced and removed',
    async run({ store }) {
      await store.createUser(newUser('ada'))
      await store.setStreamRole('id-ada', 'payments', 'viewer')
      await store.setStreamRole('id-ada', 'lending', 'editor')
      await store.setStreamRole('id-ada', 'payments', 'editor')
      expect(await store.listStreamRoles('id-ada')).toEqual([
        { streamId: 'lending', role: 'editor' },
        { streamId: 'payments', role: 'editor' },
      ])
      await store.setStreamRole('id-ada', 'lending', null)
      expect(await store.listStreamRoles('id-ada')).toEqual([
        { streamId: 'payments', role: 'editor' },
      ])
    },
  },
  {
    title: 'links a provider identity to one account and replaces its roles at once',
    async run({ store }) {
      const ada = await store.createUser({ ...newUser('ada'), passwordHash: null })
      const identity = { issuer: 'https://idp.example.com', subject: 'Sub-1' }
      expect(await store.findUserByIdentity(identity)).toBeUndefined()
      await store.linkIdentity({ ...identity, userId: ada.id, at: T0 })
      expect(await store.findUserByIdentity(identity)).toEqual(ada)
      // subjects are compared exactly: another case is another user
      expect(await store.findUserByIdentity({ ...identity, subject: 'sub-1' })).toBeUndefined()
      await expect(store.linkIdentity({ ...identity, userId: 'other', at: T1 })).rejects.toThrow()
      await store.setStreamRole(ada.id, 'lending', 'viewer')
      await store.replaceStreamRoles(ada.id, [
        { streamId: 'payments', role: 'editor' },
        { streamId: 'cards', role: 'viewer' },
      ])
      expect(await store.listStreamRoles(ada.id)).toEqual([
        { streamId: 'cards', role: 'viewer' },
        { streamId: 'payments', role: 'editor' },
      ])
      await store.replaceStreamRoles(ada.id, [])
      expect(await store.listStreamRoles(ada.id)).toEqual([])
    },
  },
  {
    title: 'finds sessions by id hash, moves their last use and ends them',
    async run({ store }) {
      const session = (idHash: string, userId: string, expiresAt: string) => ({
        idHash,
        userId,
        createdAt: T0,
        lastSeenAt: T0,
        expiresAt,
      })
      await store.createSession(session('h1', 'u1', '2024-04-08T00:00:00.000Z'))
      await store.createSession(session('h2', 'u1', '2024-04-08T00:00:00.000Z'))
      await store.createSession(session('h3', 'u2', '2024-04-02T00:00:00.000Z'))
      await store.touchSession('h1', T1)
      expect(await store.findSession('h1')).toEqual({
        ...session('h1', 'u1', '2024-04-08T00:00:00.000Z'),
        lastSeenAt: T1,
      })
      expect(await store.deleteSessions({ expiredBefore: '2024-04-03T00:00:00.000Z' })).toBe(1)
      expect(await store.findSession('h3')).toBeUndefined()
      expect(await store.deleteSessions({ idHash: 'h2' })).toBe(1)
      expect(await store.deleteSessions({ userId: 'u1' })).toBe(1)
      expect(await store.findSession('h1')).toBeUndefined()
    },
  },
  {
    title: 'finds API tokens by hash, records their use and revokes them once',
    async run({ store }) {
      await store.createApiToken(token('t1', 'u1'))
      await store.createApiToken({ ...token('t2', 'u2'), createdAt: T1, role: 'admin' })
      expect(await store.findApiToken({ hash: 'hash-t1' })).toEqual(token('t1', 'u1'))
      expect((await store.listApiTokens()).map((t) => t.id)).toEqual(['t2', 't1'])
      expect((await store.listApiTokens('u1')).map((t) => t.id)).toEqual(['t1'])
      expect(await store.touchApiToken('t1', T0, T0)).toBe(true)
      // used at T0: a use at T1 records only when unused since a later instant than T0
      expect(await store.touchApiToken('t1', T1, T0)).toBe(false)
      expect(await store.findApiToken({ id: 't1' })).toMatchObject({ lastUsedAt: T0 })
      expect(await store.touchApiToken('t1', T1, T1)).toBe(true)
      expect(await store.findApiToken({ id: 't1' })).toMatchObject({ lastUsedAt: T1 })
      expect(await store.revokeApiToken('t1', T1)).toBe(true)
      expect(await store.revokeApiToken('t1', T1)).toBe(false)
      expect(await store.revokeApiToken('nope', T1)).toBe(false)
      expect(await store.findApiToken({ id: 't1' })).toMatchObject({ revokedAt: T1 })
    },
  },
  {
    title: 'appends audit entries and reads them newest first by time, actor and page',
    async run({ store }) {
      const entry = (n: number, actor: string) => ({
        at: `2024-04-0${n}T00:00:00.000Z`,
        actor,
        via: 'session',
        address: '203.0.113.7',
        action: 'auth.login',
        target: actor,
        ...(n === 2 ? { detail: { outcome: 'failed', reason: 'wrong password' } } : {}),
      })
      const ids = []
      for (const [n, actor] of [
        [1, 'ada'],
        [2, 'bob'],
        [3, 'ada'],
      ] as const)
        ids.push(await store.appendAudit(entry(n, actor)))
      expect([...ids].sort((a, b) => a - b)).toEqual(ids)
      expect(new Set(ids).size).toBe(3)
      const all = await store.listAudit()
      expect(all.map((e) => e.at)).toEqual([
        entry(3, 'ada').at,
        entry(2, 'bob').at,
        entry(1, 'ada').at,
      ])
      expect(all[1]).toEqual({ id: ids[1], ...entry(2, 'bob') })
      expect((await store.listAudit({ actor: 'ada' })).map((e) => e.id)).toEqual([ids[2], ids[0]])
      expect((await store.listAudit({ since: entry(2, 'x').at })).length).toBe(2)
      expect((await store.listAudit({ beforeId: ids[2], limit: 1 })).map((e) => e.id)).toEqual([
        ids[1],
      ])
    },
  },
]
