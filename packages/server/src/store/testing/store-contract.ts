import { afterEach, beforeEach, describe, test } from 'vitest'
import type { Store } from '../store'
import type { MigrationDb } from '../migrations/migration-helpers'
import { adminCases } from './contract-admin'
import { mappingCases } from './contract-mapping'
import { recordCases } from './contract-records'
import { syncCases } from './contract-sync'
import { findingCases } from './contract-findings'
import { accountCases } from './contract-accounts'
import { resultCases } from './contract-results'
import { experimentCases } from './contract-experiments'

/** One database location the contract may open, tamper with and remove. */
export interface StoreContractTarget {
  /** Opens the store at this location (migrating it unless `migrate` is false). */
  open(options?: { migrate?: boolean }): Promise<Store>
  /** A raw Kysely handle on the same database, for tampering and row checks. */
  raw(): MigrationDb
  /** Closes the raw handle and removes the location (file or schema). */
  dispose(): Promise<void>
}

/** What a contract case gets: a fresh, migrated store and its location. */
export interface ContractContext {
  store: Store
  target: StoreContractTarget
}

/** One behaviour every store must show. */
export interface ContractCase {
  title: string
  run(context: ContractContext): Promise<void>
}

/**
 * The store contract: every case runs against a fresh location from `createTarget`, so cases
 * never see each other's rows. Run it once per implementation (SQLite, PostgreSQL); both pass
 * every case, so there is no skip list.
 */
export function runStoreContract(
  name: string,
  createTarget: () => Promise<StoreContractTarget>,
): void {
  describe(`${name}: store contract`, () => {
    const context = {} as ContractContext
    beforeEach(async () => {
      context.target = await createTarget()
      context.store = await context.target.open()
    })
    afterEach(async () => {
      await context.store.close()
      await context.target.dispose()
    })
    for (const contractCase of [
      ...recordCases,
      ...mappingCases,
      ...adminCases,
      ...syncCases,
      ...findingCases,
      ...accountCases,
      ...resultCases,
      ...experimentCases,
    ]) {
      test(contractCase.title, () => contractCase.run(context))
    }
  })
}
