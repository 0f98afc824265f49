import { describeConnectorContract } from '../testing/connector-contract'
import { gitHubContractTarget } from './testing/github-contract-target'

describeConnectorContract(gitHubContractTarget)
