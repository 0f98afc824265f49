/** The roles a user may have on one value stream. */
export const STREAM_ROLES = ['viewer', 'editor'] as const
export type StreamRoleName = (typeof STREAM_ROLES)[number]

/** The roles an API token may carry (at most what its user may do). */
export const TOKEN_ROLES = ['viewer', 'editor', 'admin'] as const
export type TokenRole = (typeof TOKEN_ROLES)[number]

/** A local account as stored. */
export interface UserAccount {
  /** A random id (never reused). */
  id: string
  /** The sign-in name: unique, compared exactly. */
  name: string
  displayName: string
  /** An argon2id PHC string; null when the account has no password. */
  passwordHash: string | null
  admin: boolean
  disabled: boolean
  createdAt: string
  updatedAt: string
}

/** What `createUser` stores; `at` is the creation instant (ISO-8601). */
export interface NewUser {
  id: string
  name: string
  displayName: string
  passwordHash: string | null
  admin: boolean
  at: string
}

/** The fields of an account `updateUser` may change; absent ones stay. */
export interface UserChange {
  displayName?: string
  passwordHash?: string | null
  admin?: boolean
  disabled?: boolean
}

/** A user's role on one value stream. */
export interface StreamGrant {
  streamId: string
  role: StreamRoleName
}

/** A server-side session. Instants ISO-8601. */
export interface SessionRecord {
  /** sha256 (hex) of the session id the cookie carries. */
  idHash: string
  userId: string
  createdAt: string
  lastSeenAt: string
  /** The absolute end of the session. */
  expiresAt: string
}

/** An API token as stored (the secret itself is never stored). */
export interface ApiTokenRecord {
  id: string
  userId: string
  name: string
  /** sha256 (hex) of the secret. */
  hash: string
  role: TokenRole
  expiresAt: string | null
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

/** One audit entry to append. */
export interface AuditEntryInput {
  at: string
  /** The user name acting (`local` in single-user mode, `anonymous` before sign-in). */
  actor: string
  /** How the actor was established: session, token, single-user, no-auth, anonymous, cli. */
  via: string
  /** The client's address, when known. */
  address: string | null
  /** What was done: `auth.login`, `token.create`, `POST /api/v1/mapping/preview`, … */
  action: string
  /** What it was done to (a user name, a token id, a path), when any. */
  target: string | null
  /** More facts (never a secret). */
  detail?: Record<string, unknown>
}

/** A stored audit entry. */
export interface AuditEntry extends AuditEntryInput {
  id: number
}

/** Which audit entries `listAudit` reads (newest first). */
export interface AuditFilter {
  /** Only entries at or after this instant (ISO-8601). */
  since?: string
  /** Only entries of this actor. */
  actor?: string
  /** Only entries with an id below this (paging backwards). */
  beforeId?: number
  /** At most this many (default 100, at most 1000). */
  limit?: number
}
