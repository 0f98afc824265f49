import { runStoreContract } from './testing/store-contract'
import { createPostgresTarget, createSqliteTarget } from './testing/store-test-targets'

runStoreContract('sqlite', createSqliteTarget)
runStoreContract('postgres', createPostgresTarget)
