/** The five product value streams of the demo company, Acme. */
export const DEMO_STREAMS = [
  'Payments',
  'Mobile App',
  'Customer Portal',
  'Data Platform',
  'Identity',
] as const

/** One of {@link DEMO_STREAMS}. */
export type DemoStream = (typeof DEMO_STREAMS)[number]

/** A delivery team: one Jira project, one GitHub repository, one ServiceNow assignment group. */
export interface DemoTeam {
  /** Lower snake-free slug used as `team` on every record (`payments-core`). */
  key: string
  name: string
  stream: DemoStream
  /** Jira project key (`PAY`). */
  project: string
  /** GitHub repository (`acme/payments-api`). */
  repo: string
  members: number
  skills: string[]
  /** Mean number of new Jira work items (not epics or sub-tasks) per ordinary working week. */
  arrivalsPerWeek: number
  /** Keys of teams whose work this team waits for now and then (cross-team dependencies). */
  dependsOn: string[]
  /** Weekdays (0 = Sunday) on which the team releases; Waiting for Release ends on one of them. */
  releaseWeekdays: number[]
}

/** A product of a value stream, as the business sees it. */
export interface DemoProduct {
  name: string
  stream: DemoStream
  description: string
}

/** A customer (or customer segment) with the pain points the streams hear about. */
export interface DemoCustomer {
  name: string
  segment: 'enterprise' | 'mid_market' | 'consumer' | 'internal'
  streams: DemoStream[]
  painPoints: string[]
}

function team(
  key: string,
  name: string,
  spec: Omit<DemoTeam, 'key' | 'name' | 'releaseWeekdays'> & { releaseWeekdays?: number[] },
): DemoTeam {
  return { key, name, releaseWeekdays: [2, 4], ...spec }
}

/**
 * The twelve teams, providers before consumers: a team appears after every team it depends on,
 * so the simulation can block an item on work the provider has already planned.
 */
export const DEMO_TEAMS: readonly DemoTeam[] = [
  team('identity-core', 'Identity Core', {
    stream: 'Identity',
    project: 'IDN',
    repo: 'acme/identity-service',
    members: 7,
    skills: ['oauth', 'java', 'security'],
    arrivalsPerWeek: 10,
    dependsOn: [],
  }),
  team('data-ingest', 'Data Ingest', {
    stream: 'Data Platform',
    project: 'DATA',
    repo: 'acme/data-pipelines',
    members: 6,
    skills: ['kafka', 'python', 'spark'],
    arrivalsPerWeek: 9,
    dependsOn: [],
    releaseWeekdays: [3],
  }),
  team('access-management', 'Access Management', {
    stream: 'Identity',
    project: 'IAM',
    repo: 'acme/access-policies',
    members: 5,
    skills: ['rbac', 'go', 'security'],
    arrivalsPerWeek: 8,
    dependsOn: ['identity-core'],
  }),
  team('analytics', 'Analytics', {
    stream: 'Data Platform',
    project: 'ANL',
    repo: 'acme/analytics-dashboards',
    members: 6,
    skills: ['sql', 'dbt', 'visualisation'],
    arrivalsPerWeek: 9,
    dependsOn: ['data-ingest'],
    releaseWeekdays: [3],
  }),
  team('payments-core', 'Payments Core', {
    stream: 'Payments',
    project: 'PAY',
    repo: 'acme/payments-api',
    members: 8,
    skills: ['java', 'pci-dss', 'postgres'],
    arrivalsPerWeek: 12,
    dependsOn: ['identity-core'],
  }),
  team('checkout', 'Checkout', {
    stream: 'Payments',
    project: 'CHK',
    repo: 'acme/checkout-web',
    members: 7,
    skills: ['typescript', 'react', 'payments-ux'],
    arrivalsPerWeek: 11,
    dependsOn: ['payments-core', 'identity-core'],
  }),
  team('fraud', 'Fraud Prevention', {
    stream: 'Payments',
    project: 'FRD',
    repo: 'acme/fraud-engine',
    members: 5,
    skills: ['python', 'machine-learning', 'kafka'],
    arrivalsPerWeek: 8,
    dependsOn: ['data-ingest', 'payments-core'],
  }),
  team('mobile-core', 'Mobile Core', {
    stream: 'Mobile App',
    project: 'MOB',
    repo: 'acme/mobile-app',
    members: 8,
    skills: ['kotlin', 'swift', 'react-native'],
    arrivalsPerWeek: 12,
    dependsOn: ['payments-core', 'identity-core'],
    releaseWeekdays: [1],
  }),
  team('mobile-experience', 'Mobile Experience', {
    stream: 'Mobile App',
    project: 'MUX',
    repo: 'acme/mobile-design-system',
    members: 6,
    skills: ['swift', 'accessibility', 'design-systems'],
    arrivalsPerWeek: 10,
    dependsOn: ['mobile-core'],
    releaseWeekdays: [1],
  }),
  team('mobile-platform', 'Mobile Platform', {
    stream: 'Mobile App',
    project: 'MPL',
    repo: 'acme/mobile-release-tooling',
    members: 5,
    skills: ['ci-cd', 'gradle', 'fastlane'],
    arrivalsPerWeek: 8,
    dependsOn: [],
    releaseWeekdays: [1],
  }),
  team('portal-web', 'Portal Web', {
    stream: 'Customer Portal',
    project: 'PORT',
    repo: 'acme/customer-portal',
    members: 8,
    skills: ['typescript', 'react', 'accessibility'],
    arrivalsPerWeek: 12,
    dependsOn: ['identity-core', 'payments-core', 'analytics'],
  }),
  team('self-service', 'Self Service', {
    stream: 'Customer Portal',
    project: 'SELF',
    repo: 'acme/self-service-api',
    members: 6,
    skills: ['node', 'graphql', 'postgres'],
    arrivalsPerWeek: 10,
    dependsOn: ['identity-core', 'access-management'],
  }),
]

/** One product per stream. */
export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    name: 'Acme Pay',
    stream: 'Payments',
    description: 'Card, wallet and bank payments, refunds and payouts for merchants',
  },
  {
    name: 'Acme Mobile',
    stream: 'Mobile App',
    description: 'The iOS and Android app for shoppers',
  },
  {
    name: 'Acme Portal',
    stream: 'Customer Portal',
    description: 'Self-service portal for business customers: orders, invoices, users',
  },
  {
    name: 'Acme Data',
    stream: 'Data Platform',
    description: 'Event ingestion, the warehouse and the reporting dashboards',
  },
  {
    name: 'Acme ID',
    stream: 'Identity',
    description: 'Sign-in, single sign-on, multi-factor authentication and access policies',
  },
]

/** Customers and their pain points; intake requests name one of them. */
export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  {
    name: 'Nordwind Retail',
    segment: 'enterprise',
    streams: ['Payments', 'Customer Portal'],
    painPoints: ['refunds take a week to reach shoppers', 'monthly invoices arrive late'],
  },
  {
    name: 'Helios Travel',
    segment: 'enterprise',
    streams: ['Payments', 'Identity'],
    painPoints: [
      '3-D Secure challenges abandon bookings',
      'single sign-on breaks after certificate rotation',
    ],
  },
  {
    name: 'Brightline Logistics',
    segment: 'enterprise',
    streams: ['Customer Portal', 'Data Platform'],
    painPoints: ['shipment reports are a day stale', 'bulk user import times out'],
  },
  {
    name: 'Kaufhaus Sommer',
    segment: 'mid_market',
    streams: ['Payments', 'Mobile App'],
    painPoints: ['payout reconciliation is manual', 'app checkout crashes on older Android phones'],
  },
  {
    name: 'Cobalt Fitness',
    segment: 'mid_market',
    streams: ['Mobile App', 'Identity'],
    painPoints: ['members are logged out every day', 'push notifications arrive twice'],
  },
  {
    name: 'Lumen Health',
    segment: 'enterprise',
    streams: ['Identity', 'Data Platform'],
    painPoints: ['audit logs miss admin actions', 'data exports lack field-level masking'],
  },
  {
    name: 'Pioneer Schools',
    segment: 'mid_market',
    streams: ['Customer Portal', 'Identity'],
    painPoints: [
      'password resets flood the help desk',
      'the portal is hard to use with a screen reader',
    ],
  },
  {
    name: 'Shoppers (app users)',
    segment: 'consumer',
    streams: ['Mobile App', 'Payments'],
    painPoints: ['saved cards disappear after updates', 'order tracking is slow to load'],
  },
  {
    name: 'Acme Finance',
    segment: 'internal',
    streams: ['Data Platform', 'Payments'],
    painPoints: [
      'revenue dashboard disagrees with the ledger',
      'month-end close needs manual exports',
    ],
  },
  {
    name: 'Acme Customer Care',
    segment: 'internal',
    streams: ['Customer Portal', 'Mobile App'],
    painPoints: ["agents cannot see a customer's recent orders", 'no way to resend invoices'],
  },
]

/** The team with `key`, or undefined. */
export function findTeam(key: string): DemoTeam | undefined {
  return DEMO_TEAMS.find((candidate) => candidate.key === key)
}

/** The teams of one stream. */
export function listStreamTeams(stream: DemoStream): DemoTeam[] {
  return DEMO_TEAMS.filter((candidate) => candidate.stream === stream)
}
