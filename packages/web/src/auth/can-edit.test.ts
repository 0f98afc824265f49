import { describe, expect, test } from 'vitest'
import type { MeResponse } from '../api/types'
import { canEditStream } from './can-edit'

const me = (over: Partial<MeResponse>): MeResponse => ({
  name: 'vic',
  displayName: 'Vic',
  via: 'session',
  admin: false,
  grants: [],
  csrfToken: 'x',
  ...over,
})

describe('canEditStream', () => {
  test('lets an editor of the stream, an admin and a server without accounts edit', () => {
    expect(canEditStream(null, 'Payments')).toBe(true)
    expect(canEditStream(me({ admin: true }), 'Payments')).toBe(true)
    expect(
      canEditStream(me({ grants: [{ stream: 'payments', role: 'editor' }] }), 'Payments'),
    ).toBe(true)
  })

  test('refuses a viewer, an editor of another stream and an unknown principal', () => {
    expect(
      canEditStream(me({ grants: [{ stream: 'Payments', role: 'viewer' }] }), 'Payments'),
    ).toBe(false)
    expect(
      canEditStream(me({ grants: [{ stream: 'Identity', role: 'editor' }] }), 'Payments'),
    ).toBe(false)
    expect(canEditStream(undefined, 'Payments')).toBe(false)
  })
})
