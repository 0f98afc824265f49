import { gitHubContractTarget } from '../sources/github/testing/github-contract-target'
import { describeSyncContract } from './testing/sync-contract'

describeSyncContract(gitHubContractTarget)
