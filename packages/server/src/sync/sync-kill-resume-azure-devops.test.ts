import { azureDevOpsKillResumeTool, describeKillResume } from './testing/kill-resume'

describeKillResume(
  'vmo sync of Azure DevOps projects killed and resumed',
  azureDevOpsKillResumeTool,
  { sqlite: 20261208, postgres: 777013 },
)
