import { describeKillResume, serviceNowKillResumeTool } from './testing/kill-resume'

describeKillResume('a ServiceNow instance', serviceNowKillResumeTool, {
  sqlite: 20261208,
  postgres: 777002,
})
