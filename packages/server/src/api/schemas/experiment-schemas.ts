import { z } from '@hono/zod-openapi'
import {
  EXPERIMENT_DIRECTIONS,
  EXPERIMENT_METRICS,
  EXPERIMENT_VERDICTS,
  VERDICT_REASONS,
} from '@openvmo/core'
import { DateSchema, FlowItemTypeSchema } from './common-schemas'

const IdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected 1 to 63 lowercase letters, digits or "-"')
  .openapi({ example: 'payments-wip-limit' })

/** Path of an experiment's report: its id. */
export const ExperimentIdPathSchema = z.object({
  id: IdSchema.openapi({ param: { name: 'id', in: 'path' } }),
})

/** Path of the experiment writes: the stream of its scope and its id. */
export const ExperimentPathSchema = z.object({
  stream: z
    .string()
    .min(1)
    .openapi({ param: { name: 'stream', in: 'path' }, example: 'Payments' }),
  id: IdSchema.openapi({ param: { name: 'id', in: 'path' } }),
})

/** Query of the list and the suggestions: one stream, or every readable one. */
export const ExperimentListQuerySchema = z.object({ stream: z.string().min(1).optional() })

/** Query of the change-point suggestions. */
export const SuggestionQuerySchema = z.object({ stream: z.string().min(1) })

const TargetSchema = z
  .object({
    metric: z.enum(EXPERIMENT_METRICS),
    direction: z.enum(EXPERIMENT_DIRECTIONS),
    /** Expected size in percent of the before value; null when unsaid. */
    expectedChangePercent: z.number().finite().nullable().default(null),
  })
  .strict()

const ControlSchema = z
  .object({
    stream: z.string().min(1),
    teams: z.array(z.string().min(1)).max(50).default([]),
    types: z.array(FlowItemTypeSchema).max(4).default([]),
  })
  .strict()

/** `PUT /api/v1/experiments/{stream}/{id}`: the experiment, its scope's stream in the path. */
export const ExperimentInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    hypothesis: z.string().trim().min(1).max(2000),
    change: z.string().trim().min(1).max(500),
    changeDate: DateSchema,
    rolloutEndDate: DateSchema.nullable().default(null),
    beforeDays: z.number().int().default(91),
    afterDays: z.number().int().default(91),
    teams: z.array(z.string().min(1)).max(50).default([]),
    types: z.array(FlowItemTypeSchema).max(4).default([]),
    targets: z.array(TargetSchema).min(1).max(4),
    control: ControlSchema.nullable().default(null),
  })
  .strict()
  .openapi('ExperimentInput')

const ScopeSchema = ControlSchema.extend({
  teams: z.array(z.string()),
  types: z.array(FlowItemTypeSchema),
})

/** A stored experiment definition. */
export const ExperimentDefinitionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    hypothesis: z.string(),
    change: z.string(),
    changeDate: DateSchema,
    rolloutEndDate: DateSchema.nullable(),
    beforeDays: z.number(),
    afterDays: z.number(),
    scope: ScopeSchema,
    targets: z.array(TargetSchema),
    control: ScopeSchema.nullable(),
  })
  .openapi('ExperimentDefinition')

/** An experiment as stored, with when it was first and last saved. */
export const StoredExperimentSchema = z
  .object({ definition: ExperimentDefinitionSchema, createdAt: z.string(), updatedAt: z.string() })
  .openapi('StoredExperiment')

/** `GET /api/v1/experiments`. */
export const ExperimentListSchema = z
  .object({ experiments: z.array(StoredExperimentSchema) })
  .openapi('ExperimentList')

const RatioSchema = z.object({
  estimate: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
})

const WindowSchema = z.object({
  from: DateSchema,
  to: DateSchema,
  days: z.number(),
  completed: z.number(),
  measured: z.number(),
  flowTimeP50: z.number().nullable(),
  flowTimeP85: z.number().nullable(),
  averageLoad: z.number().nullable(),
  completedByType: z.record(z.string(), z.number()),
})

const ReasonSchema = z.object({
  code: z.enum(VERDICT_REASONS),
  metric: z.enum(EXPERIMENT_METRICS),
  message: z.string(),
})

/** `GET /api/v1/experiments/{id}/report` (docs/experiments.md). */
export const ExperimentReportSchema = z
  .object({
    definition: ExperimentDefinitionSchema,
    verdict: z.enum(EXPERIMENT_VERDICTS),
    reasons: z.array(ReasonSchema),
    targets: z.array(
      z.object({
        target: TargetSchema,
        verdict: z.enum(EXPERIMENT_VERDICTS),
        reasons: z.array(ReasonSchema),
      }),
    ),
    metrics: z.array(
      z.object({
        metric: z.enum(EXPERIMENT_METRICS),
        before: z.number().nullable(),
        after: z.number().nullable(),
        change: RatioSchema,
        controlChange: RatioSchema.nullable(),
        effect: RatioSchema,
      }),
    ),
    windows: z.object({ before: WindowSchema, after: WindowSchema }),
    control: z.object({ before: WindowSchema, after: WindowSchema }).nullable(),
    weekly: z.array(
      z.object({
        weekStart: DateSchema,
        completed: z.number(),
        flowTimeP50: z.number().nullable(),
        flowTimeP85: z.number().nullable(),
        complete: z.boolean(),
      }),
    ),
    histogram: z.object({
      binStartsDays: z.array(z.number()),
      before: z.array(z.number()),
      after: z.array(z.number()),
    }),
    level: z.number(),
    minItems: z.number(),
    minWindowDays: z.number(),
    asOf: z.string(),
  })
  .openapi('ExperimentReport')

/** `GET /api/v1/experiments/suggestions`: change points offered as candidate experiments. */
export const SuggestionListSchema = z
  .object({
    stream: z.string(),
    suggestions: z.array(
      z.object({
        metric: z.enum(['flow_time_p50', 'throughput']),
        changeDate: DateSchema,
        direction: z.enum(EXPERIMENT_DIRECTIONS),
        beforeMedian: z.number(),
        afterMedian: z.number(),
        changePercent: z.number().nullable(),
        pValue: z.number(),
      }),
    ),
  })
  .openapi('ExperimentSuggestions')

export type ExperimentInput = z.input<typeof ExperimentInputSchema>
export type ExperimentDefinitionResponse = z.infer<typeof ExperimentDefinitionSchema>
export type ExperimentListResponse = z.infer<typeof ExperimentListSchema>
export type ExperimentReportResponse = z.infer<typeof ExperimentReportSchema>
export type SuggestionListResponse = z.infer<typeof SuggestionListSchema>
