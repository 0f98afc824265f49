import { z } from '@hono/zod-openapi'
import { FLOW_ITEM_MAPPINGS } from '@openvmo/core'
import { FlowStateSchema, InstantSchema } from './common-schemas'
import { PeriodMetricsSchema } from './metrics-schemas'

/** A status or artifact type that maps to nothing, and how many items use it. */
export const UnmappedValueSchema = z
  .object({ source: z.string(), name: z.string(), items: z.number().int() })
  .openapi('UnmappedValue')

/** What the current mapping leaves unmapped in the stored items; those items are left out. */
export const UnmappedSummarySchema = z
  .object({
    states: z.array(UnmappedValueSchema),
    types: z.array(UnmappedValueSchema),
    /** Items using at least one unmapped value: left out of every figure until mapped. */
    items: z.number().int(),
  })
  .openapi('UnmappedSummary')

/** Whether this request may save, and why not (null when it may). */
const SavingSchema = z.object({ allowed: z.boolean(), reason: z.string().nullable() })

/** `GET /api/v1/mapping`: the current mapping file, parsed, and its version (null: none saved). */
export const MappingResponseSchema = z
  .object({
    version: z.number().int().nullable(),
    createdAt: InstantSchema.nullable(),
    yaml: z.string(),
    /** The parsed mapping (the openvmo.yaml format); null when the stored text does not parse. */
    parsed: z.record(z.string(), z.unknown()).nullable(),
    /** Values of the stored items the mapping leaves unmapped; null when it cannot be applied. */
    unmapped: UnmappedSummarySchema.nullable(),
    /** Work items in the store (0: nothing to map yet). */
    items: z.number().int(),
    /**
     * Whether this request may save the mapping (`PUT`): signed in, or without sign-in when the
     * server listens on loopback and the request names a loopback host; `reason` says why not.
     */
    saving: SavingSchema,
  })
  .openapi('Mapping')

/** The `{stream}` of the stream definition routes: a value stream's name in the mapping. */
export const StreamDefinitionPathSchema = z.object({
  stream: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'stream', in: 'path' }, example: 'Payments' }),
})

/**
 * `GET /api/v1/mapping/streams/{stream}`: the part of the mapping an editor of the stream may
 * change (its `valueStreams` entry, its teams and products), as YAML, and the mapping's version.
 */
export const StreamDefinitionSchema = z
  .object({
    stream: z.string(),
    /** The version of the whole mapping the definition was taken from (the ETag to save over). */
    version: z.number().int(),
    yaml: z.string(),
    saving: SavingSchema,
  })
  .openapi('StreamDefinition')

const basisSchema = z.enum(['name', 'tool', 'position', 'fallback']).openapi({
  description:
    'why the value got its suggestion: its name, the tool, its position in the histories, or a fallback to review',
})

function suggestedValueSchema<T extends z.ZodType>(suggested: T) {
  return z.object({
    source: z.string(),
    name: z.string(),
    items: z.number().int(),
    suggested,
    by: basisSchema,
    /** The name as the suggested file writes it: `name`, or `source:name` when sources differ. */
    entry: z.string(),
  })
}

/** `GET /api/v1/mapping/suggestion`: what `vmo map suggest` proposes for the stored items. */
export const MappingSuggestionSchema = z
  .object({
    items: z.number().int(),
    /** The suggested openvmo.yaml, as `vmo map suggest` writes it. */
    yaml: z.string(),
    statuses: z.array(suggestedValueSchema(FlowStateSchema)),
    types: z.array(suggestedValueSchema(z.enum(FLOW_ITEM_MAPPINGS))),
    /** Fields rules and value streams can match, with their most used values. */
    fields: z.array(
      z.object({
        name: z.string(),
        distinct: z.number().int(),
        values: z.array(z.object({ value: z.string(), items: z.number().int() })),
      }),
    ),
  })
  .openapi('MappingSuggestion')

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
    /**
     * The range the metrics cover (`to` exclusive): the analysis' default range or the one asked
     * for; its last period may not be over (the figures then run up to the as-of time).
     */
    from: z.string(),
    to: z.string(),
    streams: z.array(MetricsDeltaSchema),
    /**
     * Per data-quality finding, its item count over every mapped item under the current and the
     * proposed mapping (null when that mapping cannot be applied): shows what a rule with `treatAs`
     * changes (`canceled_by_rule`, `excluded_by_rule`).
     */
    findings: z.array(
      z.object({
        flag: z.string(),
        rule: z.string(),
        before: z.number().int().nullable(),
        after: z.number().int().nullable(),
      }),
    ),
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
export type UnmappedSummaryResponse = z.infer<typeof UnmappedSummarySchema>
export type MetricsDelta = z.infer<typeof MetricsDeltaSchema>
export type MappingPreviewResponse = z.infer<typeof MappingPreviewSchema>
export type MappingSuggestionResponse = z.infer<typeof MappingSuggestionSchema>
export type MappingSavedResponse = z.infer<typeof MappingSavedSchema>
export type StreamDefinitionResponse = z.infer<typeof StreamDefinitionSchema>
