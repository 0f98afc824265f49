import { z } from '@hono/zod-openapi'
import { ByTypeSchema } from './common-schemas'

/** A value stream of the mapping with its item counts and model. */
export const ValueStreamSchema = z
  .object({
    name: z.string(),
    /** Items matched by the stream (all artifact types). */
    items: z.number().int(),
    /** Flow Items in progress as of now. */
    inProgress: z.number().int(),
    /** Flow Items completed, ever. */
    completed: z.number().int(),
    teams: z.array(z.string()),
    products: z.array(z.string()),
    distributionTarget: ByTypeSchema.partial().nullable(),
    /** What the organisation model says about the stream (free-form). */
    definition: z.record(z.string(), z.unknown()),
  })
  .openapi('ValueStream')

/** A team, product or customer of the organisation model. */
export const ModelEntitySchema = z
  .object({
    name: z.string(),
    definition: z.record(z.string(), z.unknown()),
    /** Items whose current team is this one (teams only). */
    items: z.number().int().optional(),
  })
  .openapi('ModelEntity')

/** `GET /api/v1/value-streams`. */
export const ValueStreamListSchema = z
  .object({ valueStreams: z.array(ValueStreamSchema) })
  .openapi('ValueStreamList')

/** `GET /api/v1/teams`, `/products`, `/customers`. */
export const ModelListSchema = z.object({ items: z.array(ModelEntitySchema) }).openapi('ModelList')

export type ValueStreamResponse = z.infer<typeof ValueStreamSchema>
export type ValueStreamListResponse = z.infer<typeof ValueStreamListSchema>
export type ModelEntityResponse = z.infer<typeof ModelEntitySchema>
export type ModelListResponse = z.infer<typeof ModelListSchema>
