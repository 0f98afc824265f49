import { describeConnectorContract } from '../testing/connector-contract'
import { jiraContractTarget } from './testing/jira-contract-target'

describeConnectorContract(jiraContractTarget('cloud'))
describeConnectorContract(jiraContractTarget('data_center'))
