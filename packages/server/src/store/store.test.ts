import { runStoreContract } from './store.contract'
import { createPostgresTarget, createSqliteTarget } from './store-test-targets'

runStoreContract('sqlite', createSqliteTarget)
runStoreContract('postgres', createPostgresTarget)
