import { z } from '@hono/zod-openapi'
import {
  DateSchema,
  DurationSummarySchema,
  FlowItemTypeSchema,
  FlowStateSchema,
  InstantSchema,
  ResultContextSchema,
} from './common-schemas'
import { LittlesLawSchema } from './metrics-schemas'

const countsSchema = z.array(z.number().int())

/**
 * `GET /api/v1/flow/cfd`: items per tool state at the end of each day, for the days of the range
 * that began by the as-of time.
 */
export const CumulativeFlowSchema = ResultContextSchema.extend({
  days: z.array(DateSchema).openapi({
    description: 'the days of the range that began by the as-of time (later days have no sample)',
  }),
  lastDayPartial: z.boolean().openapi({
    description: 'the last day is not over at the as-of time: its counts are as of then',
  }),
  bands: z.array(
    z.object({
      status: z.string(),
      source: z.string(),
      flowState: FlowStateSchema,
      counts: countsSchema,
    }),
  ),
  byFlowState: z.record(FlowStateSchema, countsSchema),
}).openapi('CumulativeFlow')

/**
 * Why a view shows little or nothing, and what data would fill it. `dataEnd`: the day the data
 * ends, when setting the as-of date to it would help (the data ends long before the as-of date).
 */
export const DataNoticeSchema = z
  .object({
    code: z.enum([
      'NO_COMPLETED_ITEMS',
      'NO_STATUS_HISTORY',
      'NO_ITEMS_IN_PROGRESS',
      'DATA_ENDS_BEFORE_AS_OF',
    ]),
    message: z.string(),
    dataEnd: DateSchema.nullable(),
  })
  .openapi('DataNotice')

const visitDaysSchema = z
  .object({ mean: z.number(), p50: z.number(), p85: z.number(), p95: z.number(), max: z.number() })
  .nullable()
const flowStateShareSchema = z.object({ totalDays: z.number(), share: z.number().nullable() })

/** `GET /api/v1/flow/time-in-state`: where the completed items of the range spent their time. */
export const TimeInStateSchema = ResultContextSchema.extend({
  completedItems: z.number().int(),
  flowDays: z.number(),
  states: z.array(
    z.object({
      status: z.string(),
      source: z.string(),
      flowState: FlowStateSchema,
      totalDays: z.number(),
      visits: z.number().int(),
      items: z.number().int(),
      visitDays: visitDaysSchema,
      shareOfFlowTime: z.number().nullable(),
      waitShare: z.number().nullable(),
    }),
  ),
  flowStates: z.object({
    new: flowStateShareSchema,
    waiting: flowStateShareSchema,
    active: flowStateShareSchema,
  }),
  /** Completed items of the range with at most one status change (no history to measure). */
  completedWithoutStatusHistory: z.number().int(),
  /** Why the view is empty or thin, and what would fill it; empty when the data suffices. */
  notices: z.array(DataNoticeSchema),
}).openapi('TimeInState')

/** Query of the time-in-state drill-down. */
export const TimeInStateItemsQuerySchema = z.object({
  status: z.string().min(1),
  source: z.string().min(1),
})

/** An item with where it lives in its source tool. */
const itemRefShape = {
  source: z.string(),
  key: z.string(),
  title: z.string().nullable(),
  url: z.string().nullable().openapi({ description: 'deep link to the item in its source tool' }),
}

/** `GET /api/v1/flow/time-in-state/items`: the completed items that spent time in one state. */
export const TimeInStateItemsSchema = ResultContextSchema.extend({
  status: z.string(),
  source: z.string(),
  items: z.array(
    z.object({ ...itemRefShape, days: z.number(), visits: z.number().int(), end: InstantSchema }),
  ),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
}).openapi('TimeInStateItems')

/** `GET /api/v1/flow/aging`: each item in progress with its age against flow-time percentiles. */
export const AgingWipSchema = ResultContextSchema.extend({
  items: z.array(
    z.object({
      ...itemRefShape,
      flowItem: FlowItemTypeSchema,
      status: z.string(),
      flowState: FlowStateSchema,
      ageDays: z.number(),
      daysInStatus: z.number(),
      band: z.enum(['below_p50', 'p50_p85', 'p85_p95', 'above_p95', 'unknown']),
    }),
  ),
  flowTime: DurationSummarySchema.nullable(),
  /** Why the view is empty or its ages mislead (data ending long before the as-of date). */
  notices: z.array(DataNoticeSchema),
}).openapi('AgingWip')

/** `GET /api/v1/flow/flow-times`: the scatterplot of completed items' flow times. */
export const FlowTimesSchema = ResultContextSchema.extend({
  points: z.array(
    z.object({
      ...itemRefShape,
      end: InstantSchema,
      flowTimeDays: z.number(),
      flowItem: FlowItemTypeSchema,
    }),
  ),
  flowTime: DurationSummarySchema.nullable(),
}).openapi('FlowTimes')

/** `GET /api/v1/flow/daily`: throughput, arrivals and Flow Load per day. */
export const DailyFlowSchema = ResultContextSchema.extend({
  days: z.array(DateSchema),
  throughput: countsSchema,
  arrivals: countsSchema,
  load: z.object({
    total: countsSchema,
    byType: z.record(FlowItemTypeSchema, countsSchema),
    /** Days whose start is before the as-of time (later days have no sample). */
    sampledDays: z.number().int(),
  }),
}).openapi('DailyFlow')

/** `GET /api/v1/flow/littles-law`. */
export const LittlesLawResponseSchema = ResultContextSchema.extend({
  littlesLaw: LittlesLawSchema,
}).openapi('LittlesLawResponse')

/** `GET /api/v1/flow/data-quality`: findings per flag and per item. */
export const DataQualitySchema = ResultContextSchema.extend({
  itemsChecked: z.number().int(),
  itemsWithFindings: z.number().int(),
  findings: z.array(z.object({ flag: z.string(), items: z.number().int(), rule: z.string() })),
  items: z.array(z.object({ key: z.string(), source: z.string(), flags: z.array(z.string()) })),
}).openapi('DataQuality')

export type CumulativeFlowResponse = z.infer<typeof CumulativeFlowSchema>
export type DataNoticeResponse = z.infer<typeof DataNoticeSchema>
export type TimeInStateResponse = z.infer<typeof TimeInStateSchema>
export type TimeInStateItemsQuery = z.infer<typeof TimeInStateItemsQuerySchema>
export type TimeInStateItemsResponse = z.infer<typeof TimeInStateItemsSchema>
export type AgingWipResponse = z.infer<typeof AgingWipSchema>
export type FlowTimesResponse = z.infer<typeof FlowTimesSchema>
export type DailyFlowResponse = z.infer<typeof DailyFlowSchema>
export type LittlesLawCheckResponse = z.infer<typeof LittlesLawResponseSchema>
export type DataQualityResponse = z.infer<typeof DataQualitySchema>
