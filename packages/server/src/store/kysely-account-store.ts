import type { Kysely } from 'kysely'
import * as accounts from './account-queries'
import type * as A from './account-types'
import { appendAudit, listAudit } from './audit-queries'
import * as identities from './identity-queries'
import type { StoreDialect } from './store-dialect'
import type { Database } from './tables/database'

/**
 * The accounts part of the Kysely store: users and their roles per value stream, linked
 * identities (OIDC), sessions, API tokens and the audit log. {@link KyselyStore} extends it; every
 * method passes its errors through the dialect's `translateError`, as the rest of the store does.
 */
export abstract class KyselyAccountStore {
  readonly #db: Kysely<Database>
  readonly #dialect: StoreDialect

  constructor(db: Kysely<Database>, dialect: StoreDialect) {
    this.#db = db
    this.#dialect = dialect
  }

  /** Runs `work`, translating a driver's error into the store's. */
  protected async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      throw this.#dialect.translateError(error)
    }
  }

  createUser(user: A.NewUser) {
    return this.guard(() => accounts.createUser(this.#db, user))
  }

  findUser(by: { id: string } | { name: string }) {
    return this.guard(() => accounts.findUser(this.#db, by))
  }

  listUsers() {
    return this.guard(() => accounts.listUsers(this.#db))
  }

  updateUser(id: string, change: A.UserChange, at: string) {
    return this.guard(() => accounts.updateUser(this.#db, id, { change, at }))
  }

  hasEnabledUsers() {
    return this.guard(() => accounts.hasEnabledUsers(this.#db))
  }

  setStreamRole(userId: string, streamId: string, role: A.StreamRoleName | null) {
    return this.guard(() => accounts.setStreamRole(this.#db, { userId, streamId, role }))
  }

  listStreamRoles(userId: string) {
    return this.guard(() => accounts.listStreamRoles(this.#db, userId))
  }

  replaceStreamRoles(userId: string, grants: readonly A.StreamGrant[]) {
    return this.guard(() => identities.replaceStreamRoles(this.#db, userId, grants))
  }

  findUserByIdentity(identity: { issuer: string; subject: string }) {
    return this.guard(() => identities.findUserByIdentity(this.#db, identity))
  }

  linkIdentity(link: { issuer: string; subject: string; userId: string; at: string }) {
    return this.guard(() => identities.linkIdentity(this.#db, link))
  }

  createSession(session: A.SessionRecord) {
    return this.guard(() => accounts.createSession(this.#db, session))
  }

  findSession(idHash: string) {
    return this.guard(() => accounts.findSession(this.#db, idHash))
  }

  touchSession(idHash: string, at: string) {
    return this.guard(() => accounts.touchSession(this.#db, idHash, at))
  }

  deleteSessions(which: { idHash: string } | { userId: string } | { expiredBefore: string }) {
    return this.guard(() => accounts.deleteSessions(this.#db, which))
  }

  createApiToken(token: A.ApiTokenRecord) {
    return this.guard(() => accounts.createApiToken(this.#db, token))
  }

  findApiToken(by: { id: string } | { hash: string }) {
    return this.guard(() => accounts.findApiToken(this.#db, by))
  }

  listApiTokens(userId?: string) {
    return this.guard(() => accounts.listApiTokens(this.#db, userId))
  }

  revokeApiToken(id: string, at: string) {
    return this.guard(() => accounts.revokeApiToken(this.#db, id, at))
  }

  touchApiToken(id: string, at: string, unusedSince: string) {
    return this.guard(() => accounts.touchApiToken(this.#db, id, { at, unusedSince }))
  }

  appendAudit(entry: A.AuditEntryInput) {
    return this.guard(() => appendAudit(this.#db, entry))
  }

  listAudit(filter?: A.AuditFilter) {
    return this.guard(() => listAudit(this.#db, filter))
  }
}
