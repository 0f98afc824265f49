import type { GroupRoles } from '../../config/auth-config'
import type { StreamGrant } from '../../store/account-types'

/** The roles a provider's groups give: admin, and a role per value stream (editor wins). */
export interface RolesFromGroups {
  admin: boolean
  grants: StreamGrant[]
}

/**
 * The groups in claim `claim` of `claims`: a dotted path reads nested objects
 * (`realm_access.roles`); a list of strings, or one string (a domain, an e-mail address) as a
 * group of its own. Anything else is no group.
 */
export function groupsOf(claims: Record<string, unknown>, claim: string): string[] {
  let value: unknown = claims
  for (const part of claim.split('.')) {
    value =
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)[part]
        : undefined
  }
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string')
  return []
}

/**
 * The roles `groups` give under `roles`: admin when any is an admin group; on each value stream,
 * editor when any is an editor group of it, else viewer when any is a viewer group. Groups are
 * compared exactly.
 */
export function rolesFromGroups(groups: readonly string[], roles: GroupRoles): RolesFromGroups {
  const has = new Set(groups)
  const any = (list: readonly string[]) => list.some((g) => has.has(g))
  const grants: StreamGrant[] = []
  for (const [streamId, groupsOfStream] of Object.entries(roles.streams)) {
    if (any(groupsOfStream.editor)) grants.push({ streamId, role: 'editor' })
    else if (any(groupsOfStream.viewer)) grants.push({ streamId, role: 'viewer' })
  }
  return { admin: any(roles.admin), grants }
}
