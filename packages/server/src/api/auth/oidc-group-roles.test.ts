import { expect, test } from 'vitest'
import { groupsOf, rolesFromGroups } from './oidc-group-roles'

const ROLES = {
  admin: ['vmo-admins'],
  streams: {
    Payments: { editor: ['payments-team'], viewer: ['staff'] },
    Mobile: { editor: [], viewer: ['staff'] },
  },
}

test('gives editor over viewer on a stream and admin from an admin group', () => {
  expect(rolesFromGroups(['staff', 'payments-team'], ROLES)).toEqual({
    admin: false,
    grants: [
      { streamId: 'Payments', role: 'editor' },
      { streamId: 'Mobile', role: 'viewer' },
    ],
  })
  expect(rolesFromGroups(['vmo-admins'], ROLES)).toEqual({ admin: true, grants: [] })
  expect(rolesFromGroups(['Staff', 'other'], ROLES)).toEqual({ admin: false, grants: [] })
})

test('reads groups from a list, a single string or a nested claim, and nothing else', () => {
  const claims = {
    groups: ['a', 2, 'b'],
    hd: 'example.com',
    realm_access: { roles: ['r1'] },
    odd: { x: 1 },
  }
  expect(groupsOf(claims, 'groups')).toEqual(['a', 'b'])
  expect(groupsOf(claims, 'hd')).toEqual(['example.com'])
  expect(groupsOf(claims, 'realm_access.roles')).toEqual(['r1'])
  expect(groupsOf(claims, 'odd')).toEqual([])
  expect(groupsOf(claims, 'missing.deeper')).toEqual([])
})
