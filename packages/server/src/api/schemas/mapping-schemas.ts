import { z } from '@hono/zod-openapi'
import { InstantSchema } from './common-schemas'
import { PeriodMetricsSchema } from './metrics-schemas'

/** `GET /api/v1/mapping`: the current mapping file, parsed, and its version (null: none saved). */
export const MappingResponseSchema = z
  .object({
    version: z.number().int().nullable(),
    createdAt: InstantSchema.nullable(),
    yaml: z.string(),
    /** The parsed mapping (FORMATS.md §2); null when the stored text does not parse. */
    parsed: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('Mapping')

/** Body of `POST /api/v1/mapping/preview` and `PUT /api/v1/mapping`. */
export const MappingBodySchema = z
  .object({ yaml: z.string().max(1_000_000) })
  .openapi('MappingBody')

/** A problem in a mapping file, located by line and column (1-based). */
export const MappingProblemSchema = z
  .object({
    line: z.number().int(),
    column: z.number().int(),
    value: z.string(),
    path: z.string(),
    message: z.string(),
  })
  .openapi('MappingProblem')

/** A status or artifact type that maps to nothing, and how many items use it. */
export const UnmappedValueSchema = z
  .object({ source: z.string(), name: z.string(), items: z.number().int() })
  .openapi('UnmappedValue')

/** The five metrics of one stream under the current and the proposed mapping. */
export const MetricsDeltaSchema = z
  .object({
    stream: z.string(),
    /** Null when the stream does not exist (or cannot be computed) under that mapping. */
    before: PeriodMetricsSchema.nullable(),
    after: PeriodMetricsSchema.nullable(),
  })
  .openapi('MetricsDelta')

/** `POST /api/v1/mapping/preview`: what saving the mapping would change. */
export const MappingPreviewSchema = z
  .object({
    valid: z.boolean(),
    problems: z.array(MappingProblemSchema),
    unmapped: z.object({
      states: z.array(UnmappedValueSchema),
      types: z.array(UnmappedValueSchema),
    }),
    /** The range the metrics cover: the last 12 whole weeks before the as-of date. */
    from: z.string(),
    to: z.string(),
    streams: z.array(MetricsDeltaSchema),
  })
  .openapi('MappingPreview')

/** `PUT /api/v1/mapping`: the saved version. */
export const MappingSavedSchema = z
  .object({ version: z.number().int(), dataVersion: z.string() })
  .openapi('MappingSaved')

export type MappingResponse = z.infer<typeof MappingResponseSchema>
export type MappingBody = z.infer<typeof MappingBodySchema>
export type MappingProblemResponse = z.infer<typeof MappingProblemSchema>
export type UnmappedValueResponse = z.infer<typeof UnmappedValueSchema>
export type MetricsDelta = z.infer<typeof MetricsDeltaSchema>
export type MappingPreviewResponse = z.infer<typeof MappingPreviewSchema>
export type MappingSavedResponse = z.infer<typeof MappingSavedSchema>
