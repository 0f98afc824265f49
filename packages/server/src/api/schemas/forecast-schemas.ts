import { z } from '@hono/zod-openapi'
import {
  DateSchema,
  InstantSchema,
  InsufficientDataSchema,
  ResultContextSchema,
} from './common-schemas'
import {
  CalibrationSchema,
  ConfidenceLevelSchema,
  ForecastWarningSchema,
  ItemForecastResultSchema,
} from './item-schemas'

export { CalibrationSchema, ConfidenceLevelSchema }

/** The throughput window a simulation sampled from. */
export const ThroughputSampleSchema = z
  .object({
    days: z.number().int(),
    completions: z.number().int(),
    from: DateSchema.nullable(),
    to: DateSchema,
  })
  .openapi('ThroughputSample')

/** How past forecasts fared: the share of checkpoints where the 85% answer held. */
export const BacktestScoreSchema = z
  .object({
    evaluated: z.number().int(),
    hits: z.number().int(),
    hitRate: z.number().nullable(),
  })
  .openapi('BacktestScore')

/** Query of `GET /api/v1/forecasts/when`. */
export const WhenQuerySchema = z.object({ items: z.coerce.number().int().min(1).max(100_000) })

/** Query of `GET /api/v1/forecasts/how-many`. */
export const HowManyQuerySchema = z.object({ date: DateSchema })

/** A date forecast at 50/70/85/95% confidence. */
export const DateForecastSchema = z
  .object({
    kind: z.literal('forecast'),
    confidence: z.array(
      z.object({ level: ConfidenceLevelSchema, days: z.number(), date: DateSchema }),
    ),
    sample: ThroughputSampleSchema,
    trials: z.number().int(),
  })
  .openapi('DateForecast')

/** A how-many forecast at 50/70/85/95% confidence. */
export const HowManyForecastSchema = z
  .object({
    kind: z.literal('forecast'),
    confidence: z.array(z.object({ level: ConfidenceLevelSchema, items: z.number().int() })),
    horizonDays: z.number().openapi({
      description:
        'Days simulated, from the as-of instant to the end of the date (a fraction when the as-of time is not midnight)',
    }),
    sample: ThroughputSampleSchema,
    trials: z.number().int(),
  })
  .openapi('HowManyForecast')

/** `GET /api/v1/forecasts/when`. */
export const WhenResponseSchema = ResultContextSchema.extend({
  items: z.number().int(),
  forecast: z.discriminatedUnion('kind', [DateForecastSchema, InsufficientDataSchema]),
  calibration: CalibrationSchema,
  warnings: z.array(ForecastWarningSchema),
  backtest: BacktestScoreSchema,
}).openapi('WhenForecastResponse')

/** `GET /api/v1/forecasts/how-many`. */
export const HowManyResponseSchema = ResultContextSchema.extend({
  date: DateSchema,
  forecast: z.discriminatedUnion('kind', [HowManyForecastSchema, InsufficientDataSchema]),
  calibration: CalibrationSchema,
  warnings: z.array(ForecastWarningSchema),
  backtest: BacktestScoreSchema,
}).openapi('HowManyForecastResponse')

export type WhenQuery = z.infer<typeof WhenQuerySchema>
export type HowManyQuery = z.infer<typeof HowManyQuerySchema>
export type DateForecastResponse = z.infer<typeof DateForecastSchema>
export type HowManyForecastResult = z.infer<typeof HowManyForecastSchema>
export type WhenResponse = z.infer<typeof WhenResponseSchema>
export type HowManyResponse = z.infer<typeof HowManyResponseSchema>
export type BacktestScoreResponse = z.infer<typeof BacktestScoreSchema>

/** Query of `GET /api/v1/forecasts/set`: a set is the items matching every criterion given. */
export const ItemSetQuerySchema = z.object({
  keys: z
    .string()
    .min(1)
    .optional()
    .openapi({ description: 'comma-separated keys (PAY-1,jira:PAY-2)' }),
  epic: z.string().min(1).optional().openapi({ description: 'an epic: the open work below it' }),
  label: z.string().min(1).optional(),
  fixVersion: z.string().min(1).optional(),
  q: z.string().min(1).optional().openapi({ description: 'text, as the item search' }),
  asOf: InstantSchema.optional(),
})

/** `GET /api/v1/forecasts/set` (the same JSON as `vmo forecast set --json`, plus `asOf`). */
export const ItemSetForecastSchema = z
  .object({
    asOf: InstantSchema,
    set: z.object({
      matched: z.number().int(),
      open: z.number().int(),
      done: z.number().int(),
    }),
    forecast: ItemForecastResultSchema,
    burnUp: z.array(
      z.object({ date: DateSchema, done: z.number().int(), total: z.number().int() }),
    ),
  })
  .openapi('ItemSetForecast')
export type ItemSetForecastResponse = z.infer<typeof ItemSetForecastSchema>
