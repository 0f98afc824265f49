import { z } from '@hono/zod-openapi'
import {
  DateSchema,
  DurationSummarySchema,
  FlowItemMappingSchema,
  FlowStateSchema,
  InstantSchema,
  InsufficientDataSchema,
  NameListSchema,
  PageQuerySchema,
} from './common-schemas'

/** The confidence levels of every forecast. */
export const ConfidenceLevelSchema = z.union([
  z.literal(0.5),
  z.literal(0.7),
  z.literal(0.85),
  z.literal(0.95),
])

/**
 * How a forecast was calibrated on its own backtest: per level, the quantile level of the
 * simulation that answers it (`adjustedLevel` > `level` widens the answer) and the share of past
 * checkpoints where the unadjusted answer came true.
 */
export const CalibrationSchema = z
  .object({
    checkpoints: z.number().int(),
    independent: z.number().int().openapi({
      description:
        'checkpoints whose horizons do not overlap; a level whose tail they cannot resolve (19 are needed for 95%) is answered at least halfway between it and certainty (the 97.5% quantile for 95%)',
    }),
    adjusted: z.boolean(),
    levels: z.array(
      z.object({
        level: ConfidenceLevelSchema,
        adjustedLevel: z.number(),
        hitRate: z.number().nullable(),
      }),
    ),
  })
  .openapi('ForecastCalibration')

/** Query of `GET /api/v1/items`. */
export const ItemSearchQuerySchema = PageQuerySchema.extend({
  q: z
    .string()
    .min(1)
    .openapi({ description: 'text in the key, title, labels or fields', example: 'PAY-1' }),
  state: z.enum(['open', 'closed']).optional().openapi({
    description:
      'open: not done or canceled now (by the mapping; for items it leaves out, or without a mapping: not resolved in the tool); closed: the others',
  }),
  stream: NameListSchema.optional().openapi({
    description:
      'value stream names (items of any of them), comma-separated or repeated; needs a mapping',
  }),
  source: NameListSchema.optional().openapi({
    description: 'source names (jira, github, …), comma-separated or repeated',
  }),
  type: NameListSchema.optional().openapi({
    description:
      "Flow Item types (feature, defect, risk, debt) by each item's type now, comma-separated or repeated; needs a mapping",
  }),
  asOf: InstantSchema.optional().openapi({
    description:
      'search as of this instant: items created later are left out, open/closed and the last change are as of it (default now)',
  }),
})

/** A search hit. */
export const ItemSummarySchema = z
  .object({
    source: z.string(),
    key: z.string(),
    type: z.string(),
    status: z.string(),
    title: z.string().nullable(),
    url: z.string().nullable(),
  })
  .openapi('ItemSummary')

/** A search hit with whether it is open now and when it last changed. */
export const ItemSearchHitSchema = ItemSummarySchema.extend({
  open: z.boolean(),
  lastChange: InstantSchema,
}).openapi('ItemSearchHit')

/** `GET /api/v1/items`: one page of hits, open ones first; `total` counts all hits. */
export const ItemSearchResponseSchema = z
  .object({
    items: z.array(ItemSearchHitSchema),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .openapi('ItemSearchResult')

/** Path of `GET /api/v1/items/{source}/{key}`. */
export const ItemPathSchema = z.object({
  source: z
    .string()
    .min(1)
    .openapi({ param: { name: 'source', in: 'path' }, example: 'jira' }),
  key: z
    .string()
    .min(1)
    .openapi({ param: { name: 'key', in: 'path' }, example: 'PAY-123' }),
})

/** One stretch of an item's history in one tool state; `to` null while it lasts. */
export const StateStretchSchema = z
  .object({
    status: z.string(),
    /** Null when the status is not mapped (the item is then left out of every figure). */
    flowState: FlowStateSchema.nullable(),
    from: InstantSchema,
    to: InstantSchema.nullable(),
  })
  .openapi('StateStretch')

/** A node of the item's linked journey (the item itself is the node with `depth` 0). */
export const JourneyNodeSchema = z
  .object({
    source: z.string(),
    key: z.string(),
    title: z.string().nullable(),
    url: z.string().nullable(),
    type: z.string().nullable(),
    status: z.string().nullable(),
    flowState: FlowStateSchema.nullable(),
    /** False for a link target that is not in the store. */
    known: z.boolean(),
    depth: z.number().int(),
    /**
     * True for an item in a value stream the reader may not see: its source is `restricted`,
     * its key a stand-in (`restricted-1`), and title, link, type and status are null.
     */
    restricted: z.boolean().optional(),
  })
  .openapi('JourneyNode')

/** A link between two nodes (`from` and `to` are `source:key`). */
export const JourneyEdgeSchema = z
  .object({ from: z.string(), to: z.string(), type: z.string() })
  .openapi('JourneyEdge')

/** An item linked as holding another up. */
const WaitsOnLinkSchema = JourneyNodeSchema.extend({
  /** The link as the tool names it (`is blocked by`, `blocks`, `depends on`). */
  link: z.string(),
  /** Whether the blocker has not ended (done or canceled) at the as-of time. */
  open: z.boolean(),
})

/**
 * What an item that has not ended waits on: the state it sits in now (and for how long), and the
 * items linked to it as blockers or dependencies (blocks / is blocked by / depends on), open
 * ones first. Delivering work (children, `delivered_by`, `implements`) is the forecast's roll-up.
 */
export const WaitsOnSchema = z
  .object({
    status: z.string().nullable(),
    flowState: FlowStateSchema.nullable(),
    /** Days in the current status up to the as-of time; null when the item has no status yet. */
    days: z.number().nullable(),
    blockers: z.array(
      WaitsOnLinkSchema.extend({
        waitedDays: z.number().openapi({
          description:
            "the item's waiting time so far attributed to this blocker: each instant in a waiting state split equally among the blockers open then (docs/metrics.md, Dependencies)",
        }),
        blockedBy: z.array(WaitsOnLinkSchema).openapi({
          description: 'what this blocker itself waits on: the next link of the chain',
        }),
      }),
    ),
  })
  .openapi('WaitsOn')

/** Something the reader of a forecast should know (a throughput shift, a bulk close, …). */
export const ForecastWarningSchema = z
  .object({ code: z.string(), message: z.string() })
  .openapi('ForecastWarning')

/**
 * The single-item forecast (the same JSON as `vmo forecast item --json`): days from the as-of time and dates at 50/70/85/95%. `in_progress`:
 * from the flow times of completed items that took longer than its age; `not_started`: the
 * throughput forecast of the items ahead of it plus one flow time.
 */
export const ItemForecastSchema = z
  .object({
    kind: z.literal('forecast'),
    basis: z.enum(['in_progress', 'not_started', 'roll_up']),
    confidence: z.array(z.object({ level: z.number(), days: z.number(), date: DateSchema })),
    sample: z.object({
      flowTimes: z.number().int(),
      ageDays: z.number().nullable(),
      itemsAhead: z.number().int().nullable(),
    }),
    /** Monte Carlo trials; null for an item in progress (a quantile of flow times). */
    trials: z.number().int().nullable(),
    warnings: z.array(ForecastWarningSchema),
    /** For `roll_up`: the open delivering items the date waits on, the critical one first. */
    rollUp: z
      .object({
        items: z.array(
          z.object({
            source: z.string(),
            key: z.string(),
            basis: z.enum(['in_progress', 'not_started']),
            date85: DateSchema,
            criticalShare: z.number(),
          }),
        ),
        critical: z.string(),
        done: z.number().int(),
        /** Open items left out of the date because their history cannot forecast them. */
        leftOut: z.array(z.object({ source: z.string(), key: z.string(), reason: z.string() })),
      })
      .nullable(),
    /**
     * How the answer was calibrated on its own backtest (in_progress: the stream's items in
     * progress at past checkpoints; not_started: its queue); null for a roll-up, whose delivering
     * items are each drawn from their calibrated distribution.
     */
    calibration: CalibrationSchema.nullable(),
  })
  .openapi('ItemForecast')

/** An item's (or a set's) forecast: dated, refused for lack of history, or why there is none. */
export const ItemForecastResultSchema = z
  .discriminatedUnion('kind', [
    ItemForecastSchema,
    InsufficientDataSchema,
    z.object({ kind: z.literal('not_applicable'), reason: z.string() }),
    z.object({ kind: z.literal('no_delivering_work'), reason: z.string() }),
  ])
  .openapi('ItemForecastResult')

/** `GET /api/v1/items/{source}/{key}`: where's my thing. */
export const ItemJourneySchema = z
  .object({
    asOf: InstantSchema,
    item: ItemSummarySchema.extend({
      created: InstantSchema,
      project: z.string().nullable(),
      team: z.string().nullable(),
      parent: z.string().nullable(),
      labels: z.array(z.string()),
    }),
    flowItem: FlowItemMappingSchema,
    /** Null when the item uses an unmapped status or type: it is left out of every figure. */
    flowState: FlowStateSchema.nullable(),
    start: InstantSchema.nullable(),
    end: InstantSchema.nullable(),
    /** `asOf − start` for an item in progress, `end − start` for an ended one; null if not started. */
    ageDays: z.number().nullable(),
    timeline: z.array(StateStretchSchema),
    timePerState: z.array(
      z.object({ status: z.string(), flowState: FlowStateSchema.nullable(), days: z.number() }),
    ),
    valueStreams: z.array(z.string()),
    /** The flow-time percentiles of the item's first value stream (or of everything). */
    streamFlowTime: DurationSummarySchema.nullable(),
    links: z.object({ nodes: z.array(JourneyNodeSchema), edges: z.array(JourneyEdgeSchema) }),
    forecast: ItemForecastResultSchema,
    waitsOn: WaitsOnSchema.nullable().openapi({
      description: 'What an item that has not ended waits on; null once it has ended',
    }),
    /**
     * The item's data-quality findings as stored at the end of the last import or sync, with
     * what each does to the metrics; `asOf` is null when none were stored yet.
     */
    dataQuality: z.object({
      asOf: InstantSchema.nullable(),
      findings: z.array(z.object({ flag: z.string(), rule: z.string() })),
    }),
  })
  .openapi('ItemJourney')

export type ItemSearchQuery = z.infer<typeof ItemSearchQuerySchema>
export type ItemSummaryResponse = z.infer<typeof ItemSummarySchema>
export type ItemSearchResponse = z.infer<typeof ItemSearchResponseSchema>
export type StateStretch = z.infer<typeof StateStretchSchema>
export type JourneyNode = z.infer<typeof JourneyNodeSchema>
export type JourneyEdge = z.infer<typeof JourneyEdgeSchema>
export type ItemJourneyResponse = z.infer<typeof ItemJourneySchema>
export type WaitsOnResponse = z.infer<typeof WaitsOnSchema>
