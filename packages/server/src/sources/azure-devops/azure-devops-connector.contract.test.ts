import { describeConnectorContract } from '../testing/connector-contract'
import { azureDevOpsContractTarget } from './testing/azure-devops-contract-target'

describeConnectorContract(azureDevOpsContractTarget)
