/** The mapping of the benchmark histories of {@link generateHistories} (./generate-histories.ts). */
export const BENCH_MAPPING_YAML = `timezone: Europe/Berlin
flowItems:
  feature: [Story, Spike]
  defect: [Bug]
  risk: [Vulnerability]
  debt: [Tech Debt]
  supporting: [Task]
states:
  new: [Backlog]
  waiting: [Ready for Development, Code Review Queue, Awaiting QA, Waiting for Release, Blocked]
  active: [In Progress, In Review, In QA]
  done: [Done]
  canceled: [Won't Do]
`
