import type { ResultDefinition } from '@openvmo/core'
import { DEMO_STREAMS, type DemoStream } from './organisation'

// Revenue each stream aims for per month by the target date: ambitious for the card businesses.
const REVENUE_TARGET_EUR: Record<DemoStream, number> = {
  Payments: 6_000_000,
  'Mobile App': 2_000_000,
  'Customer Portal': 2_400_000,
  'Data Platform': 450_000,
  Identity: 800_000,
}

const COST_TARGET_EUR: Record<DemoStream, number> = {
  Payments: 420_000,
  'Mobile App': 200_000,
  'Customer Portal': 260_000,
  'Data Platform': 260_000,
  Identity: 170_000,
}

/** The last day of the quarter after the one holding `asOfMs`, YYYY-MM-DD. */
function nextQuarterEnd(asOfMs: number): string {
  const asOf = new Date(asOfMs)
  const quarter = Math.floor(asOf.getUTCMonth() / 3)
  return new Date(Date.UTC(asOf.getUTCFullYear(), (quarter + 2) * 3, 0)).toISOString().slice(0, 10)
}

/**
 * What each demo stream wants of its business results, in the units of the generated points:
 * revenue and cost in EUR, weekly incidents as a count, employee happiness as a score of 1–5 and
 * customer satisfaction in percent, all due by the end of next quarter. Some streams meet their
 * targets, some do not, so the portfolio has off-target warnings to show.
 */
export function listDemoResultDefinitions(asOfMs: number): ResultDefinition[] {
  const targetDate = nextQuarterEnd(asOfMs)
  return DEMO_STREAMS.flatMap((stream): ResultDefinition[] => [
    {
      stream,
      metric: 'revenue',
      category: 'value',
      unit: 'EUR',
      direction: 'higher_is_better',
      target: REVENUE_TARGET_EUR[stream],
      targetDate,
      description: 'revenue of the month',
    },
    {
      stream,
      metric: 'cost',
      category: 'cost',
      unit: 'EUR',
      direction: 'lower_is_better',
      target: COST_TARGET_EUR[stream],
      targetDate,
      description: 'people and cloud cost of the month',
    },
    {
      stream,
      metric: 'incidents',
      category: 'quality',
      unit: 'count',
      direction: 'lower_is_better',
      target: 2,
      targetDate,
      description: 'incidents opened per week',
    },
    {
      stream,
      metric: 'employee_happiness',
      category: 'happiness',
      unit: 'score 1-5',
      direction: 'higher_is_better',
      target: 3.8,
      targetDate,
      description: 'monthly team survey',
    },
    {
      stream,
      metric: 'customer_satisfaction',
      category: 'happiness',
      unit: 'percent',
      direction: 'higher_is_better',
      target: 85,
      targetDate,
      description: 'CSAT of the month',
    },
  ])
}
