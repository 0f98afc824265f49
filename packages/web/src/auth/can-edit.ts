import type { MeState } from '../api/queries/use-auth-queries'

/**
 * Whether the principal may write to `stream` (the server has the last word): a server without
 * accounts (`null`), an admin, a principal with every stream, or an editor of this stream
 * (stream names compare case-insensitively, as the API's do). Unknown while loading: no.
 */
export function canEditStream(me: MeState | undefined, stream: string): boolean {
  if (me === undefined) return false
  if (me === null || me.admin || me.grants === 'all') return true
  const lower = stream.toLowerCase()
  return me.grants.some((g) => g.role === 'editor' && g.stream.toLowerCase() === lower)
}
