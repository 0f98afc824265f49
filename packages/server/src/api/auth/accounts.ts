import { VmoError } from '@openvmo/core'
import type { Store } from '../../store/store'
import type { StreamRoleName, UserAccount } from '../../store/account-types'
import { newId } from './auth-secrets'
import { checkPassword, hashPassword } from './passwords'
import { streamNames } from './stream-names'

/** Who changes accounts, for the audit log (the CLI acts as the operator on the machine). */
export interface AccountActor {
  name: string
  via: string
  address: string | null
  nowMs: number
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/

async function audit(
  store: Store,
  actor: AccountActor,
  at: { action: string; target: string; detail?: Record<string, unknown> },
) {
  await store.appendAudit({
    at: new Date(actor.nowMs).toISOString(),
    actor: actor.name,
    via: actor.via,
    address: actor.address,
    ...at,
    target: at.target,
  })
}

/** The account named `name`; NOT_FOUND otherwise. */
export async function getUser(store: Store, name: string): Promise<UserAccount> {
  const user = await store.findUser({ name })
  if (!user) throw new VmoError('NOT_FOUND', `no user named "${name}" (vmo user list shows them)`)
  return user
}

/** Adds an account with an argon2id hash of `password`; audited as `user.add`. */
export async function addUser(
  store: Store,
  user: { name: string; displayName?: string; password: string; admin: boolean },
  actor: AccountActor,
): Promise<UserAccount> {
  if (!NAME.test(user.name)) {
    throw new VmoError(
      'INVALID_INPUT',
      `user name "${user.name}" is not allowed: use letters, digits and . _ @ - (at most 100)`,
    )
  }
  checkPassword(user.password)
  const created = await store.createUser({
    id: newId(),
    name: user.name,
    displayName: user.displayName ?? user.name,
    passwordHash: await hashPassword(user.password),
    admin: user.admin,
    at: new Date(actor.nowMs).toISOString(),
  })
  await audit(store, actor, {
    action: 'user.add',
    target: user.name,
    detail: { admin: user.admin },
  })
  return created
}

/** Disables (or enables again) an account and ends its sessions; audited. */
export async function setUserDisabled(
  store: Store,
  at: { name: string; disabled: boolean },
  actor: AccountActor,
): Promise<UserAccount> {
  const user = await getUser(store, at.name)
  const changed = await store.updateUser(
    user.id,
    { disabled: at.disabled },
    new Date(actor.nowMs).toISOString(),
  )
  if (at.disabled) await store.deleteSessions({ userId: user.id })
  await audit(store, actor, {
    action: at.disabled ? 'user.disable' : 'user.enable',
    target: at.name,
  })
  return changed
}

/** Sets a new password and ends every session of the account; audited. */
export async function resetPassword(
  store: Store,
  at: { name: string; password: string },
  actor: AccountActor,
): Promise<void> {
  checkPassword(at.password)
  const user = await getUser(store, at.name)
  const passwordHash = await hashPassword(at.password)
  await store.updateUser(user.id, { passwordHash }, new Date(actor.nowMs).toISOString())
  const ended = await store.deleteSessions({ userId: user.id })
  await audit(store, actor, {
    action: 'user.reset-password',
    target: at.name,
    detail: { sessionsEnded: ended },
  })
}

/** Gives an account a role on a value stream (null takes it away), or the admin flag; audited. */
export async function grant(
  store: Store,
  at: { name: string; stream?: string; role: StreamRoleName | 'admin' | null },
  actor: AccountActor,
): Promise<void> {
  const user = await getUser(store, at.name)
  const now = new Date(actor.nowMs).toISOString()
  if (at.stream === undefined) {
    if (at.role !== 'admin' && at.role !== null) {
      throw new VmoError(
        'INVALID_INPUT',
        `a ${at.role} role is given on a value stream: add --stream`,
      )
    }
    await store.updateUser(user.id, { admin: at.role === 'admin' }, now)
  } else {
    if (at.role === 'admin') {
      throw new VmoError('INVALID_INPUT', 'admin is not a role on one value stream: omit --stream')
    }
    const streams = await streamNames(store)
    // taking a role away works for a stream the mapping no longer has
    if (at.role !== null && streams.length > 0 && !streams.includes(at.stream)) {
      throw new VmoError(
        'NOT_FOUND',
        `no value stream "${at.stream}" in the mapping (known: ${streams.join(', ')})`,
      )
    }
    await store.setStreamRole(user.id, at.stream, at.role)
  }
  await audit(store, actor, {
    action: 'user.grant',
    target: at.name,
    detail: { stream: at.stream ?? null, role: at.role },
  })
}
