import { z } from '@hono/zod-openapi'
import { RESULT_CATEGORIES, RESULT_DIRECTIONS, RESULT_STATUSES } from '@openvmo/core'
import { DateSchema } from './common-schemas'

/** Query of `GET /api/v1/business-results`. */
export const BusinessResultsQuerySchema = z.object({ stream: z.string().min(1) })

/** A result's name: lowercase letters, digits, `_`, `.` or `-`. */
const MetricNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,62}$/, 'expected lowercase letters, digits, "_", "." or "-"')
  .openapi({ example: 'incidents' })

/** Path of the business-result writes. */
export const ResultPathSchema = z.object({
  stream: z
    .string()
    .min(1)
    .openapi({ param: { name: 'stream', in: 'path' }, example: 'Payments' }),
  metric: MetricNameSchema.openapi({ param: { name: 'metric', in: 'path' } }),
})

/** `PUT /api/v1/business-results/{stream}/{metric}`: what the stream wants of the result. */
export const ResultDefinitionInputSchema = z
  .object({
    category: z.enum(RESULT_CATEGORIES),
    /** e.g. `EUR`, `%`, `count`, `score`; points must be in it. */
    unit: z.string().trim().min(1).max(32).openapi({ example: 'count' }),
    direction: z.enum(RESULT_DIRECTIONS),
    target: z.number().finite().nullable().default(null),
    targetDate: DateSchema.nullable().default(null),
    description: z.string().max(500).nullable().default(null),
  })
  .strict()
  .openapi('ResultDefinitionInput')

/** A stored definition. */
export const ResultDefinitionSchema = ResultDefinitionInputSchema.extend({
  stream: z.string(),
  metric: z.string(),
}).openapi('ResultDefinition')

const PointSchema = z.object({ date: DateSchema, value: z.number() })

/** `POST /api/v1/business-results/{stream}/{metric}/points`: a series, upserted by date. */
export const ResultPointsInputSchema = z
  .object({
    points: z.array(PointSchema.strict()).min(1).max(10_000),
    /** When given, must be the definition's unit (else 400 and nothing written). */
    unit: z.string().trim().min(1).max(32).optional(),
  })
  .strict()
  .openapi('ResultPointsInput')

/** What a points upsert wrote. */
export const ResultPointsOutcomeSchema = z
  .object({ stream: z.string(), metric: z.string(), inserted: z.number(), updated: z.number() })
  .openapi('ResultPointsOutcome')

/** One series with its definition and where its latest point stands. */
export const ResultSeriesSchema = z.object({
  metric: z.string(),
  points: z.array(PointSchema),
  definition: ResultDefinitionSchema.nullable(),
  /** Where the latest point stands against the target, taking the direction into account. */
  status: z.enum(RESULT_STATUSES),
  latest: PointSchema.nullable(),
})

/** `GET /api/v1/business-results`: one series per metric, points by date. */
export const BusinessResultsSchema = z
  .object({ stream: z.string(), series: z.array(ResultSeriesSchema) })
  .openapi('BusinessResults')

/** `GET /api/v1/business-results/status`: every defined result of every stream, latest point. */
export const ResultStatusListSchema = z
  .object({
    results: z.array(
      ResultSeriesSchema.omit({ points: true }).extend({
        stream: z.string(),
        definition: ResultDefinitionSchema,
      }),
    ),
  })
  .openapi('ResultStatusList')

export type BusinessResultsQuery = z.infer<typeof BusinessResultsQuerySchema>
export type BusinessResultsResponse = z.infer<typeof BusinessResultsSchema>
export type ResultDefinitionInput = z.input<typeof ResultDefinitionInputSchema>
export type ResultDefinitionResponse = z.infer<typeof ResultDefinitionSchema>
export type ResultPointsInput = z.infer<typeof ResultPointsInputSchema>
export type ResultPointsOutcome = z.infer<typeof ResultPointsOutcomeSchema>
export type ResultStatusListResponse = z.infer<typeof ResultStatusListSchema>

/** `GET /api/v1/business-results/correlations`: the stream, and how far results may lag. */
export const CorrelationQuerySchema = z.object({
  maxLag: z.coerce.number().int().min(0).max(12).default(3).openapi({
    description: 'the largest lag tried, in periods (default 3)',
  }),
})

/** One flow metric now against one business result `lag` periods later. */
const CorrelationSchema = z.object({
  metric: z.string(),
  result: z.string(),
  lag: z.number().int(),
  pairs: z.number().int(),
  rho: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  holdsAfterCorrection: z.boolean(),
  cautions: z.array(z.enum(['too_few_periods', 'chance_among_many'])),
})

/** Lagged rank correlations of a stream's flow metrics with its business results. */
export const ResultCorrelationsSchema = z
  .object({
    stream: z.string(),
    period: z.string(),
    from: z.string(),
    to: z.string(),
    periods: z.number().int(),
    maxLag: z.number().int(),
    tried: z.number().int(),
    metrics: z.array(z.object({ name: z.string(), label: z.string() })),
    results: z.array(z.string()),
    correlations: z.array(CorrelationSchema),
  })
  .openapi('ResultCorrelations')

export type ResultCorrelationsResponse = z.infer<typeof ResultCorrelationsSchema>
