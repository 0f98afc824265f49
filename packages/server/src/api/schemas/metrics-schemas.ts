import { z } from '@hono/zod-openapi'
import { METRICS_WARNING_CODES } from '@openvmo/core'
import {
  ByTypeSchema,
  DateSchema,
  DurationSummarySchema,
  FlowItemTypeSchema,
  InstantSchema,
  PeriodSchema,
  ScopeSchema,
  SharesSchema,
} from './common-schemas'

/** Flow Velocity: items completed, in total and per Flow Item type. */
export const VelocitySchema = ByTypeSchema.extend({ total: z.number().int() }).openapi('Velocity')

/** The five Flow Metrics and companions of one period (docs/metrics.md ("The metrics JSON")). */
export const PeriodMetricsSchema = z
  .object({
    start: InstantSchema,
    end: InstantSchema,
    velocity: VelocitySchema,
    flowTime: DurationSummarySchema.nullable(),
    leadTime: DurationSummarySchema.nullable(),
    flowEfficiency: z.object({ pooled: z.number().nullable(), meanOfItems: z.number().nullable() }),
    flowLoad: z.object({
      average: z.number().nullable(),
      end: z.number().nullable(),
      endByType: ByTypeSchema.nullable(),
    }),
    distribution: z.object({ completed: SharesSchema, inProgress: SharesSchema }),
    canceled: z.number().int(),
    reopened: z.number().int(),
    partial: z.boolean().openapi({
      description:
        'true when the period is not over at the as-of instant: its figures cover only part of it',
    }),
  })
  .openapi('PeriodMetrics')

/** The Little's-law consistency check over a range. */
export const LittlesLawSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('check'),
      averageLoad: z.number(),
      throughputPerDay: z.number(),
      predictedFlowTimeDays: z.number(),
      meanFlowTimeDays: z.number(),
      divergence: z.number(),
      flagged: z.boolean(),
      reasons: z.array(z.string()),
    }),
    z.object({ kind: z.literal('insufficient_data'), reason: z.string() }),
  ])
  .openapi('LittlesLawCheck')

/** A warning of a metrics report: a stable code and a sentence. */
export const MetricsWarningSchema = z
  .object({
    code: z.enum(METRICS_WARNING_CODES),
    message: z.string(),
  })
  .openapi('MetricsWarning')

/** `GET /api/v1/metrics`: exactly `vmo metrics --json` (docs/metrics.md ("The metrics JSON")). */
export const FlowMetricsReportSchema = z
  .object({
    asOf: InstantSchema,
    timezone: z.string(),
    period: z.enum(['day', 'week', 'month', 'quarter', 'year', 'custom']),
    from: DateSchema,
    to: DateSchema,
    scope: ScopeSchema,
    periods: z.array(PeriodMetricsSchema),
    total: PeriodMetricsSchema,
    littlesLaw: LittlesLawSchema,
    warnings: z.array(MetricsWarningSchema),
  })
  .openapi('FlowMetricsReport')

/** Codes of the portfolio's per-stream warnings. */
export const PORTFOLIO_WARNING_CODES = [
  'LOAD_RISING',
  'EFFICIENCY_FALLING',
  'LITTLES_LAW_BROKEN',
  'NO_COMPLETIONS',
  'UNMAPPED_VALUES',
  'DISTRIBUTION_OFF_TARGET',
  'AGING_BEYOND_P95',
  'DATA_QUALITY',
] as const

/** One value stream in the portfolio. */
export const PortfolioStreamSchema = z
  .object({
    name: z.string(),
    /** The last full period of the range (null when the range has none). */
    lastPeriod: PeriodMetricsSchema.nullable(),
    /** Every period of the range, oldest first: the trend. */
    trend: z.array(PeriodMetricsSchema),
    total: PeriodMetricsSchema,
    distribution: z.object({
      actual: SharesSchema,
      target: ByTypeSchema.partial().nullable(),
    }),
    littlesLaw: LittlesLawSchema,
    warnings: z.array(
      z.object({
        code: z.enum(PORTFOLIO_WARNING_CODES),
        message: z.string(),
        /** The Flow Item type a distribution warning is about. */
        type: FlowItemTypeSchema.optional(),
      }),
    ),
  })
  .openapi('PortfolioStream')

/** `GET /api/v1/portfolio`. */
export const PortfolioResponseSchema = z
  .object({
    asOf: InstantSchema,
    timezone: z.string(),
    period: PeriodSchema,
    from: DateSchema,
    to: DateSchema,
    streams: z.array(PortfolioStreamSchema),
  })
  .openapi('Portfolio')

export type PeriodMetricsResponse = z.infer<typeof PeriodMetricsSchema>
export type LittlesLawResponse = z.infer<typeof LittlesLawSchema>
export type FlowMetricsReportResponse = z.infer<typeof FlowMetricsReportSchema>
export type PortfolioStreamResponse = z.infer<typeof PortfolioStreamSchema>
export type PortfolioResponse = z.infer<typeof PortfolioResponseSchema>
