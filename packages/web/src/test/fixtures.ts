import type {
  FlowMetricsReportResponse,
  PeriodMetricsResponse,
  TimeInStateResponse,
} from '../api/types'

/** A period of a metrics report with defaults (3 completed features), overridable per field. */
export function makePeriod(overrides: Partial<PeriodMetricsResponse> = {}): PeriodMetricsResponse {
  return {
    start: '2024-01-01T00:00:00Z',
    end: '2024-01-08T00:00:00Z',
    velocity: { total: 3, feature: 3, defect: 0, risk: 0, debt: 0 },
    flowTime: { count: 3, mean: 4, p50: 3.5, p85: 6, p95: 7, max: 7.5 },
    leadTime: { count: 3, mean: 6, p50: 5, p85: 8, p95: 9, max: 10 },
    flowEfficiency: { pooled: 0.4, meanOfItems: 0.35 },
    flowLoad: { average: 5.5, end: 5, endByType: { feature: 5, defect: 0, risk: 0, debt: 0 } },
    distribution: {
      completed: { feature: 1, defect: 0, risk: 0, debt: 0 },
      inProgress: { feature: 1, defect: 0, risk: 0, debt: 0 },
    },
    canceled: 0,
    reopened: 0,
    partial: false,
    ...overrides,
  }
}

/** A weekly metrics report over the given periods. */
export function makeReport(periods: PeriodMetricsResponse[]): FlowMetricsReportResponse {
  const total = periods.at(-1) ?? makePeriod()
  return {
    asOf: '2024-04-01T00:00:00Z',
    timezone: 'UTC',
    period: 'week',
    from: '2024-01-01',
    to: '2024-04-01',
    scope: { valueStream: 'Payments' },
    periods,
    total,
    littlesLaw: { kind: 'insufficient_data', reason: 'too few days' },
    warnings: [],
  }
}

/** A time-in-state result with the given states (other figures fixed). */
export function makeTimeInState(states: TimeInStateResponse['states']): TimeInStateResponse {
  return {
    asOf: '2024-04-01T00:00:00Z',
    timezone: 'UTC',
    from: '2024-01-01',
    to: '2024-04-01',
    scope: {},
    completedItems: 10,
    flowDays: 100,
    states,
    flowStates: {
      new: { totalDays: 5, share: 0.05 },
      waiting: { totalDays: 55, share: 0.55 },
      active: { totalDays: 40, share: 0.4 },
    },
    completedWithoutStatusHistory: 0,
    notices: [],
  }
}
