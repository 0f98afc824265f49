import { describeConnectorContract } from '../testing/connector-contract'
import { gitLabContractTarget } from './testing/gitlab-contract-target'

describeConnectorContract(gitLabContractTarget)
