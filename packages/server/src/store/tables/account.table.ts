import type { Generated } from 'kysely'

/** A local account. `admin` and `disabled` are 0/1; instants ISO-8601. */
export interface UserTable {
  id: string
  name: string
  display_name: string
  /** An argon2id PHC string; null for an account that cannot sign in with a password. */
  password_hash: string | null
  admin: number
  disabled: number
  created_at: string
  updated_at: string
}

/** A user's role (`viewer` or `editor`) on one value stream. */
export interface UserStreamRoleTable {
  user_id: string
  stream_id: string
  role: string
}

/** A server-side session, keyed by the sha256 of its id (the cookie holds the id itself). */
export interface SessionTable {
  id_hash: string
  user_id: string
  created_at: string
  last_seen_at: string
  /** The absolute end; the idle end is `last_seen_at` plus the idle timeout. */
  expires_at: string
}

/** An API token, stored as the sha256 of its secret. */
export interface ApiTokenTable {
  id: string
  user_id: string
  name: string
  hash: string
  /** `viewer`, `editor` or `admin`: at most what its user may do. */
  role: string
  expires_at: string | null
  created_at: string
  last_used_at: string | null
  revoked_at: string | null
}

/** One audit entry; append-only (the code has no update or delete path for it). */
export interface AuditLogTable {
  id: Generated<number>
  at: string
  actor: string
  via: string
  address: string | null
  action: string
  target: string | null
  detail_json: string | null
}

/** Links an OpenID provider's user (issuer and subject) to a local account. */
export interface UserIdentityTable {
  issuer: string
  subject: string
  user_id: string
  created_at: string
}
