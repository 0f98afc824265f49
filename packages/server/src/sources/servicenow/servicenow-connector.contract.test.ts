import { describeConnectorContract } from '../testing/connector-contract'
import { serviceNowContractTarget } from './testing/servicenow-contract-target'

describeConnectorContract(serviceNowContractTarget)
