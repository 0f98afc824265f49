import { JIRA_STATUS } from './jira-workflow'
/**
 * String tables of the benchmark generator, computed once at module load so that generating a
 * million items allocates no new names, labels or titles.
 */

/** Jira-like projects of the benchmark; each belongs to the team at the same index. */
export const BENCH_PROJECTS = [
  'PAY',
  'CHK',
  'FRD',
  'MOB',
  'MUX',
  'MPL',
  'PORT',
  'SELF',
  'DATA',
  'ANL',
  'IDN',
  'IAM',
  'SRCH',
  'NOTIF',
  'BILL',
  'SHIP',
  'CAT',
  'PRICE',
  'CRM',
  'OPS',
] as const

/** The team owning each project of {@link BENCH_PROJECTS}. */
export const BENCH_TEAMS = BENCH_PROJECTS.map((project) => `team-${project.toLowerCase()}`)

/** Artifact types with their relative frequencies. */
export const BENCH_TYPES = ['Story', 'Bug', 'Task', 'Tech Debt', 'Vulnerability', 'Spike'] as const

/** Relative frequency of each of {@link BENCH_TYPES}. */
export const BENCH_TYPE_WEIGHTS = [50, 22, 14, 8, 3, 3] as const

/** Jira priority names. */
export const BENCH_PRIORITIES = ['Highest', 'High', 'Medium', 'Low'] as const

/** Fibonacci story points. */
export const BENCH_STORY_POINTS = [1, 2, 3, 5, 8, 13] as const

const FIRST_NAMES = [
  'Anna',
  'Ben',
  'Chiara',
  'David',
  'Elif',
  'Felix',
  'Greta',
  'Hamza',
  'Ines',
  'Jonas',
  'Karin',
  'Luca',
  'Mia',
  'Noah',
  'Olga',
  'Paul',
  'Quinn',
  'Rosa',
  'Sven',
  'Tara',
]
const LAST_NAMES = [
  'Becker',
  'Costa',
  'Demir',
  'Fischer',
  'Hansen',
  'Klein',
  'Novak',
  'Weber',
  'Yilmaz',
  'Zimmer',
]

/** 200 assignee names. */
export const BENCH_ASSIGNEES = FIRST_NAMES.flatMap((first) =>
  LAST_NAMES.map((last) => `${first.toLowerCase()}.${last.toLowerCase()}`),
)

const LABEL_SETS: readonly (readonly string[])[] = [
  ['web'],
  ['api'],
  ['mobile'],
  ['backend'],
  ['frontend', 'web'],
  ['customer'],
  ['performance'],
  ['security'],
  ['infra'],
  ['api', 'customer'],
]

/** Label lists shared by many items (never mutated). */
export const BENCH_LABELS = LABEL_SETS.map((labels) => Object.freeze([...labels]) as string[])

const VERBS = [
  'Add',
  'Fix',
  'Improve',
  'Remove',
  'Migrate',
  'Validate',
  'Cache',
  'Log',
  'Retry',
  'Expose',
]
const OBJECTS = [
  'refund webhook',
  'login form',
  'invoice export',
  'search index',
  'push notification',
  'password reset',
  'order history',
  'price calculation',
  'audit trail',
  'session timeout',
  'currency conversion',
  'shipping label',
  'consent banner',
  'report scheduler',
  'rate limiter',
  'address lookup',
]
const QUALIFIERS = [
  '',
  ' for EU customers',
  ' on Android',
  ' in the admin console',
  ' for large accounts',
  ' behind a feature flag',
  ' after checkout',
  ' in batch jobs',
]

/** 1,280 believable titles (verb × object × qualifier). */
export const BENCH_TITLES = VERBS.flatMap((verb) =>
  OBJECTS.flatMap((object) => QUALIFIERS.map((qualifier) => `${verb} ${object}${qualifier}`)),
)

/** Jira-like workflow statuses of the benchmark: the demo's Jira workflow. */
export const BENCH_STATUS = JIRA_STATUS
