import { jiraContractTarget } from '../sources/jira/testing/jira-contract-target'
import { createPostgresTarget } from '../store/testing/store-test-targets'
import { describeSyncContract } from './testing/sync-contract'

describeSyncContract(jiraContractTarget('cloud'))
describeSyncContract(jiraContractTarget('data_center'), async () => {
  const target = await createPostgresTarget()
  const store = await target.open()
  return {
    store,
    dispose: async () => {
      await store.close()
      await target.dispose()
    },
  }
})
