import type { OidcSettings } from '../../config/auth-config'
import type { Store } from '../../store/store'
import type { UserAccount } from '../../store/account-types'
import { newId, sha256Hex } from './auth-secrets'
import type { OidcIdentity } from './oidc-client'
import { OidcSignInError } from './oidc-client'
import { groupsOf, rolesFromGroups } from './oidc-group-roles'

const NAME_CHARS = /[^A-Za-z0-9._@-]+/g

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '')

/** An account name from the claims: preferred_username, else e-mail, else a hash of the subject. */
function nameCandidates(identity: OidcIdentity): string[] {
  const { claims } = identity
  const base = [text(claims.preferred_username), text(claims.email)]
    .map((n) => n.replace(NAME_CHARS, '-').replace(/^[^A-Za-z0-9]+/, ''))
    .map((n) => n.slice(0, 90))
    .find((n) => n !== '')
  const fallback = `oidc-${sha256Hex(`${identity.issuer} ${identity.subject}`).slice(0, 12)}`
  if (base === undefined) return [fallback]
  return [base, ...[2, 3, 4, 5].map((n) => `${base}-${n}`), fallback]
}

/** Creates the account of a provider's user seen for the first time and links it. */
async function createAccount(
  store: Store,
  identity: OidcIdentity,
  at: string,
): Promise<UserAccount> {
  const names = nameCandidates(identity)
  // a local account of the same name is another person: the new account takes a free name
  let name = names[names.length - 1] ?? 'oidc'
  for (const candidate of names) {
    if (!(await store.findUser({ name: candidate }))) {
      name = candidate
      break
    }
  }
  const displayName = text(identity.claims.name) || name
  const user = await store.createUser({
    id: newId(),
    name,
    displayName: displayName.slice(0, 200),
    passwordHash: null,
    admin: false,
    at,
  })
  await store.linkIdentity({
    issuer: identity.issuer,
    subject: identity.subject,
    userId: user.id,
    at,
  })
  return user
}

/**
 * The account a provider's user signs in as, found by issuer and subject or created at the first
 * sign-in (no password: it signs in through the provider only). Its admin flag and roles per
 * value stream are set from the groups claim at every sign-in. OidcSignInError `no_role` when
 * the groups give no role at all (a known account then loses its roles and sessions), and
 * `disabled` for a disabled account.
 */
export async function accountOfIdentity(
  store: Store,
  identity: OidcIdentity,
  at: { settings: OidcSettings; nowMs: number },
): Promise<UserAccount> {
  const now = new Date(at.nowMs).toISOString()
  const groups = groupsOf(identity.claims, at.settings.groupsClaim)
  const roles = rolesFromGroups(groups, at.settings.roles)
  const known = await store.findUserByIdentity(identity)
  const none = !roles.admin && roles.grants.length === 0
  if (!known && none) {
    throw new OidcSignInError('no_role', `no configured group in ${at.settings.groupsClaim}`)
  }
  const user = known ?? (await createAccount(store, identity, now))
  if (user.disabled) throw new OidcSignInError('disabled', `account "${user.name}" is disabled`)
  const updated = await store.updateUser(user.id, { admin: roles.admin }, now)
  await store.replaceStreamRoles(user.id, roles.grants)
  if (none) {
    await store.deleteSessions({ userId: user.id })
    throw new OidcSignInError('no_role', `no configured group in ${at.settings.groupsClaim}`)
  }
  return updated
}
