import { z } from '@hono/zod-openapi'
import { InstantSchema, ResultContextSchema } from './common-schemas'

/** How the dependency graph groups items. */
export const DependencyGroupingSchema = z.enum(['team', 'stream']).openapi('DependencyGrouping')

const ItemRefSchema = z.object({
  source: z.string(),
  key: z.string(),
  title: z.string().nullable(),
  url: z.string().nullable(),
  restricted: z.boolean().openapi({
    description: 'in a value stream the reader may not see: source and key say "restricted"',
  }),
})

/** An item held up along an edge, with the blockers (on that edge) its wait is attributed to. */
const DependencyItemSchema = ItemRefSchema.extend({
  waitDays: z.number().openapi({ description: 'its waiting time attributed to this edge' }),
  blockers: z.array(ItemRefSchema.extend({ waitDays: z.number() })),
})

/**
 * `GET /api/v1/dependencies`: which teams (or value streams) held up the scope's items while they
 * waited, and for how long. The definition is docs/metrics.md ("Dependencies").
 */
export const DependencyGraphSchema = ResultContextSchema.extend({
  by: DependencyGroupingSchema,
  periods: z.array(
    z.object({
      start: InstantSchema,
      end: InstantSchema,
      partial: z.boolean().openapi({ description: 'the period is not over at the as-of time' }),
    }),
  ),
  total: z.object({
    waitingDays: z.number().openapi({ description: "the scope's items' time in waiting states" }),
    attributedDays: z.number().openapi({
      description: 'the part of it attributed to blockers in other groups (the edges)',
    }),
    internalDays: z.number().openapi({
      description: 'waiting attributed to blockers in the same group or in none (on no edge)',
    }),
    shareOfProgressTime: z.number().nullable(),
    itemCount: z.number().int().openapi({ description: 'items with a wait on some edge' }),
  }),
  edges: z.array(
    z.object({
      upstream: z
        .string()
        .nullable()
        .openapi({ description: 'null: a group the reader may not see' }),
      downstream: z.string().nullable(),
      waitDays: z.number(),
      itemCount: z.number().int(),
      shareOfDownstreamTime: z.number().nullable().openapi({
        description: "the edge's wait over the downstream group's items' time in progress",
      }),
      periodWaitDays: z.array(z.number()),
      items: z.array(DependencyItemSchema).openapi({
        description: 'the items held up (at most 100, heaviest wait first)',
      }),
    }),
  ),
}).openapi('DependencyGraph')

/** The response of `GET /api/v1/dependencies`. */
export type DependencyGraphResponse = z.infer<typeof DependencyGraphSchema>
