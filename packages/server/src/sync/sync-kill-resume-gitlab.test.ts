import { describeKillResume, gitLabKillResumeTool } from './testing/kill-resume'

describeKillResume('a GitLab group', gitLabKillResumeTool, { sqlite: 20261207, postgres: 777001 })
