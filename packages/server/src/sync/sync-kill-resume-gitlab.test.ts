import { describeKillResume, gitLabKillResumeTool } from './testing/kill-resume'

describeKillResume('vmo sync of a GitLab group killed and resumed', gitLabKillResumeTool, {
  sqlite: 20261207,
  postgres: 777001,
})
