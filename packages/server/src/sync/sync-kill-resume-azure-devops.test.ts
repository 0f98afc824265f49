import { azureDevOpsKillResumeTool, describeKillResume } from './testing/kill-resume'

describeKillResume('Azure DevOps projects', azureDevOpsKillResumeTool, {
  sqlite: 20261208,
  postgres: 777013,
})
